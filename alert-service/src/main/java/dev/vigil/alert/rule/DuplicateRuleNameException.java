package dev.vigil.alert.rule;

/** Another rule already has this name. */
public final class DuplicateRuleNameException extends RuntimeException {

    private final String name;

    DuplicateRuleNameException(String name, Throwable cause) {
        super("a rule named '" + name + "' already exists", cause);
        this.name = name;
    }

    public String name() {
        return name;
    }
}
