package dev.vigil.alert.rule;

import dev.vigil.alert.condition.NoData;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a {@link NoData} by its id, the same lower-case name the table's check constraint lists. */
@Converter
final class NoDataColumn implements AttributeConverter<NoData, String> {

    @Override
    public String convertToDatabaseColumn(NoData noData) {
        return noData == null ? null : noData.id();
    }

    @Override
    public NoData convertToEntityAttribute(String id) {
        if (id == null) {
            return null;
        }
        return NoData.byId(id).orElseThrow(() -> new IllegalStateException(
                "alert_rule.no_data holds '" + id + "', which this version does not know; known: " + NoData.ids()));
    }
}
