package io.mlops.infra.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link io.mlops.infra.kafka.KafkaBroker} field of a test class that uses
 * {@link OwnBrokerResource}; the resource injects its dedicated broker there, so the test can
 * {@code stop()} and {@code restart()} it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectKafkaBroker {
}
