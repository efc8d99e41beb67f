/**
 * The deployment artifacts (docker-compose.yml, the images' entry points, the Kubernetes manifests) checked without a
 * container engine or a cluster: each packaged service is started as a process with exactly the environment,
 * arguments and memory limit an artifact gives its container, on devstack's servers.
 */
package dev.vigil.system.deploy;
