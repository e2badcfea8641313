package org.dl4jlvm.flows;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** {@code @ExtendWith(DoublePrecision.class)}: ND4J's default data types are DOUBLE for the test class, then restored. */
public final class DoublePrecision implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DoublePrecision.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getStore(NAMESPACE).put("previous", Nd4j.dataType());
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        DataType previous = context.getStore(NAMESPACE).get("previous", DataType.class);
        Nd4j.setDefaultDataTypes(previous, previous);
    }
}
