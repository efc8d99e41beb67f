package dev.vigil.ingest.persist;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeStringsTest {

    @Test
    void writesScalarsAsTheCollectorExporterDoes() {
        assertThat(AttributeStrings.of(str("GET /"))).isEqualTo("GET /");
        assertThat(AttributeStrings.of(AnyValue.newBuilder().setBoolValue(true).build())).isEqualTo("true");
        assertThat(AttributeStrings.of(AnyValue.newBuilder().setIntValue(-42).build())).isEqualTo("-42");
        assertThat(AttributeStrings.of(dbl(1.5))).isEqualTo("1.5");
        assertThat(AttributeStrings.of(dbl(3.0))).isEqualTo("3");
        assertThat(AttributeStrings.of(AnyValue.newBuilder().setBytesValue(ByteString.copyFromUtf8("hi")).build()))
                .isEqualTo("aGk=");
        assertThat(AttributeStrings.of(AnyValue.getDefaultInstance())).isEmpty();
    }

    @Test
    void formatsFloatsLikeGo() {
        assertThat(AttributeStrings.goFloat(100.0)).isEqualTo("100");
        assertThat(AttributeStrings.goFloat(0.1)).isEqualTo("0.1");
        assertThat(AttributeStrings.goFloat(123456789.125)).isEqualTo("123456789.125");
        assertThat(AttributeStrings.goFloat(1e20)).isEqualTo("100000000000000000000");
        assertThat(AttributeStrings.goFloat(1e21)).isEqualTo("1e+21");
        assertThat(AttributeStrings.goFloat(1.5e-7)).isEqualTo("1.5e-7");
        assertThat(AttributeStrings.goFloat(1e-10)).isEqualTo("1e-10");
        assertThat(AttributeStrings.goFloat(0.000001)).isEqualTo("0.000001");
        assertThat(AttributeStrings.goFloat(-2.5e300)).isEqualTo("-2.5e+300");
        assertThat(AttributeStrings.goFloat(-0.0)).isEqualTo("-0");
        assertThat(AttributeStrings.of(dbl(Double.NaN))).isEqualTo("json: unsupported value: NaN");
        assertThat(AttributeStrings.of(dbl(Double.NEGATIVE_INFINITY))).isEqualTo("json: unsupported value: -Inf");
    }

    @Test
    void writesArraysAndMapsAsGoJsonWithSortedKeys() {
        AnyValue array = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder()
                .addValues(str("a")).addValues(AnyValue.newBuilder().setIntValue(1)).addValues(dbl(2.5))
                .addValues(AnyValue.newBuilder().setBoolValue(false)).addValues(AnyValue.getDefaultInstance()))
                .build();
        assertThat(AttributeStrings.of(array)).isEqualTo("[\"a\",1,2.5,false,null]");

        AnyValue map = AnyValue.newBuilder().setKvlistValue(KeyValueList.newBuilder()
                .addValues(kv("z", str("last")))
                .addValues(kv("a", str("<b>&\"q\"\n")))
                .addValues(kv("m", AnyValue.newBuilder().setBytesValue(ByteString.copyFrom(new byte[] {1, 2})).build())))
                .build();
        assertThat(AttributeStrings.of(map))
                .isEqualTo("{\"a\":\"\\u003cb\\u003e\\u0026\\\"q\\\"\\n\",\"m\":\"AQI=\",\"z\":\"last\"}");
    }

    @Test
    void storesNothingForJsonThatGoCannotEncode() {
        AnyValue array = AnyValue.newBuilder().setArrayValue(ArrayValue.newBuilder().addValues(dbl(Double.NaN)))
                .build();
        assertThat(AttributeStrings.of(array)).isEmpty();
    }

    @Test
    void keepsTheFirstValueOfARepeatedKey() {
        assertThat(AttributeStrings.of(List.of(kv("k", str("first")), kv("k", str("second")), kv("o", str("x")))))
                .containsExactly(Map.entry("k", "first"), Map.entry("o", "x"));
    }

    private static AnyValue str(String s) {
        return AnyValue.newBuilder().setStringValue(s).build();
    }

    private static AnyValue dbl(double d) {
        return AnyValue.newBuilder().setDoubleValue(d).build();
    }

    private static KeyValue kv(String key, AnyValue value) {
        return KeyValue.newBuilder().setKey(key).setValue(value).build();
    }
}
