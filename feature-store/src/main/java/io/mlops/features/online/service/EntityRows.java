package io.mlops.features.online.service;

import io.mlops.common.error.FieldError;
import io.mlops.features.error.FeatureErrors;
import io.mlops.features.view.service.EntityKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The entity rows of an online request: one checked value per join key and row. */
final class EntityRows {

    private EntityRows() {
    }

    /** Columns in the plan's join key order; 422 for a missing, extra or mistyped key, 413 above the limit. */
    static Object[][] parse(LookupPlan plan, Map<String, Object> entities, int maxRows) {
        if (entities == null || entities.isEmpty()) {
            throw FeatureErrors.validation("entities", "entities is required: {\"" + plan.joinKeys().get(0) + "\": [...]}");
        }
        List<FieldError> errors = new ArrayList<>();
        for (String given : entities.keySet()) {
            if (!plan.joinKeys().contains(given)) {
                errors.add(new FieldError("entities." + given, "'" + given + "' is not a join key of the requested views "
                        + plan.joinKeys()));
            }
        }
        Object[][] columns = new Object[plan.joinKeys().size()][];
        int rows = -1;
        for (int k = 0; k < columns.length; k++) {
            String name = plan.joinKeys().get(k);
            Object raw = entities.get(name);
            if (raw == null) {
                errors.add(new FieldError("entities." + name, "join key '" + name + "' is required by the requested features"));
                continue;
            }
            List<?> values = raw instanceof List<?> list ? list : List.of(raw);
            if (values.size() > maxRows) {
                throw FeatureErrors.tooLarge("The request has " + values.size() + " entity rows; at most " + maxRows
                        + " are accepted at once");
            }
            if (rows >= 0 && values.size() != rows) {
                errors.add(new FieldError("entities." + name, "has " + values.size() + " values, other join keys have " + rows));
                continue;
            }
            rows = values.size();
            Object[] column = new Object[values.size()];
            for (int i = 0; i < column.length; i++) {
                try {
                    column[i] = EntityKeys.checkValue(plan.joinKeyTypes()[k], values.get(i));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("entities." + name + "[" + i + "]", e.getMessage()));
                }
            }
            columns[k] = column;
        }
        if (!errors.isEmpty()) {
            throw FeatureErrors.validation("The entities do not fit the requested features: "
                    + errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
        return columns;
    }
}
