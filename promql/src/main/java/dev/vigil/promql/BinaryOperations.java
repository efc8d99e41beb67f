package dev.vigil.promql;

import dev.vigil.promql.Expr.Binary;
import dev.vigil.promql.Expr.Cardinality;
import dev.vigil.promql.Expr.VectorMatching;
import dev.vigil.promql.Value.Sample;
import dev.vigil.promql.Value.Scalar;
import dev.vigil.promql.Value.Vector;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Binary operators between scalars and instant vectors, with Prometheus's vector matching and its errors. */
final class BinaryOperations {
    private BinaryOperations() {
    }

    static Value apply(Binary b, Value lhs, Value rhs) {
        BinaryOp op = b.op();
        if (lhs instanceof Scalar l && rhs instanceof Scalar r) {
            return new Scalar(op.isComparison() ? (compare(op, l.value(), r.value()) ? 1 : 0) : arithmetic(op, l.value(), r.value()));
        }
        if (lhs instanceof Vector l && rhs instanceof Scalar r) {
            return vectorScalar(op, l, r.value(), false, b.returnBool());
        }
        if (lhs instanceof Scalar l && rhs instanceof Vector r) {
            return vectorScalar(op, r, l.value(), true, b.returnBool());
        }
        Vector l = (Vector) lhs;
        Vector r = (Vector) rhs;
        return switch (op) {
            case AND -> and(l, r, b.matching(), true);
            case UNLESS -> and(l, r, b.matching(), false);
            case OR -> or(l, r, b.matching());
            default -> vectorVector(op, l, r, b.matching(), b.returnBool());
        };
    }

    private static Vector vectorScalar(BinaryOp op, Vector v, double scalar, boolean scalarOnLeft, boolean returnBool) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : v.samples()) {
            double left = scalarOnLeft ? scalar : s.value();
            double right = scalarOnLeft ? s.value() : scalar;
            if (op.isComparison()) {
                boolean keep = compare(op, left, right);
                if (returnBool) {
                    out.add(new Sample(s.labels().withoutName(), keep ? 1 : 0));
                } else if (keep) {
                    out.add(s);
                }
            } else {
                out.add(new Sample(s.labels().withoutName(), arithmetic(op, left, right)));
            }
        }
        return new Vector(out);
    }

    /** The labels two samples are matched on. */
    private static Labels signature(Labels labels, VectorMatching m) {
        return m.on() ? labels.keep(m.labels()) : labels.drop(m.labels());
    }

    private static Vector and(Vector l, Vector r, VectorMatching m, boolean keepMatched) {
        Set<Labels> right = new HashSet<>();
        r.samples().forEach(s -> right.add(signature(s.labels(), m)));
        List<Sample> out = new ArrayList<>();
        for (Sample s : l.samples()) {
            if (right.contains(signature(s.labels(), m)) == keepMatched) {
                out.add(s);
            }
        }
        return new Vector(out);
    }

    private static Vector or(Vector l, Vector r, VectorMatching m) {
        Set<Labels> left = new HashSet<>();
        List<Sample> out = new ArrayList<>(l.samples());
        l.samples().forEach(s -> left.add(signature(s.labels(), m)));
        for (Sample s : r.samples()) {
            if (!left.contains(signature(s.labels(), m))) {
                out.add(s);
            }
        }
        return new Vector(out);
    }

    private static Vector vectorVector(BinaryOp op, Vector lhs, Vector rhs, VectorMatching m, boolean returnBool) {
        boolean oneToMany = m.cardinality() == Cardinality.ONE_TO_MANY;
        // The "one" side is looked up by signature; group_right swaps which side that is.
        Vector many = oneToMany ? rhs : lhs;
        Vector one = oneToMany ? lhs : rhs;
        Map<Labels, Sample> ones = new HashMap<>();
        for (Sample s : one.samples()) {
            Labels sig = signature(s.labels(), m);
            if (ones.put(sig, s) != null) {
                throw new QueryException("execution", "found duplicate series for the match group " + sig + " on the "
                        + (oneToMany ? "left" : "right") + " hand-side of the operation: [" + ones.get(sig).labels() + ", " + s.labels()
                        + "];many-to-many matching not allowed: matching labels must be unique on one side");
            }
        }
        Map<Labels, Labels> matchedSignatures = new HashMap<>();
        Set<Labels> results = new HashSet<>();
        List<Sample> out = new ArrayList<>();
        for (Sample s : many.samples()) {
            Labels sig = signature(s.labels(), m);
            Sample other = ones.get(sig);
            if (other == null) {
                continue;
            }
            if (m.cardinality() == Cardinality.ONE_TO_ONE && matchedSignatures.put(sig, s.labels()) != null) {
                throw new QueryException("execution", "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
            }
            double left = oneToMany ? other.value() : s.value();
            double right = oneToMany ? s.value() : other.value();
            double value;
            if (op.isComparison()) {
                boolean keep = compare(op, left, right);
                if (!keep && !returnBool) {
                    continue;
                }
                value = returnBool ? (keep ? 1 : 0) : left;
            } else {
                value = arithmetic(op, left, right);
            }
            Labels labels = resultLabels(s.labels(), other.labels(), op, m, returnBool);
            if (!results.add(labels)) {
                throw new QueryException("execution", "multiple matches for labels: grouping labels must ensure unique matches");
            }
            out.add(new Sample(labels, value));
        }
        return new Vector(out);
    }

    private static Labels resultLabels(Labels many, Labels one, BinaryOp op, VectorMatching m, boolean returnBool) {
        Labels out = many;
        if (!op.isComparison() || returnBool) {
            out = out.withoutName();
        }
        if (m.cardinality() == Cardinality.ONE_TO_ONE) {
            out = m.on() ? out.keep(m.labels()) : dropKeepingName(out, m.labels());
        }
        for (String label : m.include()) {
            String v = one.get(label);
            out = v.isEmpty() ? out.without(label) : out.with(label, v);
        }
        return out;
    }

    private static Labels dropKeepingName(Labels labels, List<String> names) {
        Labels out = labels;
        for (String n : names) {
            out = out.without(n);
        }
        return out;
    }

    static boolean compare(BinaryOp op, double l, double r) {
        return switch (op) {
            case EQL -> l == r;
            case NEQ -> l != r;
            case GTR -> l > r;
            case LSS -> l < r;
            case GTE -> l >= r;
            case LTE -> l <= r;
            default -> throw new IllegalArgumentException(op.symbol());
        };
    }

    static double arithmetic(BinaryOp op, double l, double r) {
        return switch (op) {
            case ADD -> l + r;
            case SUB -> l - r;
            case MUL -> l * r;
            case DIV -> l / r;
            case MOD -> l % r;
            case POW -> Math.pow(l, r);
            case ATAN2 -> Math.atan2(l, r);
            default -> throw new IllegalArgumentException(op.symbol());
        };
    }
}
