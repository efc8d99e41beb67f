package dev.vigil.access.role;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void eachRoleGrantsItselfAndEveryRoleBelow() {
        assertThat(Role.VIEWER.granted()).containsExactlyInAnyOrder("viewer");
        assertThat(Role.EDITOR.granted()).containsExactlyInAnyOrder("viewer", "editor");
        assertThat(Role.ADMIN.granted()).containsExactlyInAnyOrder("viewer", "editor", "admin");
    }

    @Test
    void aRoleIncludesLowerOnesOnly() {
        assertThat(Role.ADMIN.includes(Role.EDITOR)).isTrue();
        assertThat(Role.EDITOR.includes(Role.ADMIN)).isFalse();
        assertThat(Role.VIEWER.includes(Role.VIEWER)).isTrue();
    }

    @Test
    void namesAreTheAnnotationConstants() {
        assertThat(Role.VIEWER.id()).isEqualTo(Role.VIEWER_NAME);
        assertThat(Role.EDITOR.id()).isEqualTo(Role.EDITOR_NAME);
        assertThat(Role.ADMIN.id()).isEqualTo(Role.ADMIN_NAME);
        assertThat(Role.parse("owner")).isEmpty();
        assertThat(Role.EDITOR.below()).contains(Role.VIEWER);
        assertThat(Role.VIEWER.below()).isEmpty();
    }
}
