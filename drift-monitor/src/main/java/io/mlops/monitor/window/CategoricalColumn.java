package io.mlops.monitor.window;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One categorical column of an open window: exact counts per category. The number of distinct
 * categories is bounded; past the bound further new categories the reference does not know are
 * counted together under {@link #OTHER}, so a column of ids cannot exhaust memory.
 */
public final class CategoricalColumn {

    /** The bucket of categories beyond the bound. */
    public static final String OTHER = "__other__";

    private final String name;
    private final int maxCategories;
    private final Map<String, long[]> counts = new HashMap<>();
    private final Set<String> known;
    private long present;
    private long missing;
    private long mistyped;

    CategoricalColumn(String name, int maxCategories, Set<String> known) {
        this.name = name;
        this.maxCategories = maxCategories;
        this.known = known;
    }

    void add(Object raw) {
        if (raw == null) {
            missing++;
            return;
        }
        String category = Values.category(raw);
        if (category == null) {
            mistyped++;
            return;
        }
        present++;
        long[] slot = counts.get(category);
        if (slot == null) {
            // The reference's own categories are always counted (that set is bounded already):
            // folded into OTHER, a category the reference knows would score as one it never saw.
            if (counts.size() < maxCategories || known.contains(category)) {
                slot = new long[1];
                counts.put(category, slot);
            } else {
                slot = counts.computeIfAbsent(OTHER, k -> new long[1]);
            }
        }
        slot[0]++;
    }

    public String name() {
        return name;
    }

    public long present() {
        return present;
    }

    public long missing() {
        return missing;
    }

    public long mistyped() {
        return mistyped;
    }

    /** Count per category (a copy). */
    public Map<String, Long> counts() {
        Map<String, Long> out = new HashMap<>();
        counts.forEach((k, v) -> out.put(k, v[0]));
        return Collections.unmodifiableMap(out);
    }
}
