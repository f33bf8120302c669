package io.mlops.registry.version.service;

import io.mlops.common.error.ErrorCode;
import io.mlops.common.error.FieldError;
import io.mlops.common.error.PlatformException;
import io.mlops.events.registry.Signature;
import io.mlops.events.registry.Task;
import io.mlops.events.registry.TensorSpec;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the signature ONNX Runtime read against what the metadata declares and against the
 * platform's model contract (API.md "Model inputs" and "Model outputs"). Every difference is named
 * in a 422 {@code SIGNATURE_MISMATCH}.
 */
@ApplicationScoped
public class SignatureRules {

    public void check(UploadMetadata m, Signature real) {
        List<FieldError> errors = new ArrayList<>();
        if (m.signature() != null) {
            compare("signature.inputs", m.signature().inputs(), real.inputs(), errors);
            compare("signature.outputs", m.signature().outputs(), real.outputs(), errors);
        }
        contract(m, real, errors);
        if (!errors.isEmpty()) {
            String detail = errors.size() == 1
                    ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " differences between the metadata and the model; see errors";
            throw new PlatformException(ErrorCode.SIGNATURE_MISMATCH, detail, errors);
        }
    }

    private static void compare(String path, List<TensorSpec> declared, List<TensorSpec> real, List<FieldError> errors) {
        if (declared == null) {
            return;
        }
        if (declared.size() != real.size()) {
            errors.add(new FieldError(path, "declares " + declared.size() + " tensor(s) but the model has "
                    + real.size() + ": " + names(real)));
            return;
        }
        for (int i = 0; i < declared.size(); i++) {
            TensorSpec d = declared.get(i);
            TensorSpec r = real.get(i);
            String at = path + "[" + i + "]";
            if (d == null) {
                errors.add(new FieldError(at, "is null"));
                continue;
            }
            if (d.name() != null && !d.name().equals(r.name())) {
                errors.add(new FieldError(at + ".name", "declared '" + d.name() + "' but the model has '" + r.name() + "'"));
            }
            if (d.datatype() != null && d.datatype() != r.datatype()) {
                errors.add(new FieldError(at + ".datatype", "declared " + d.datatype() + " but the model has " + r.datatype()));
            }
            if (d.shape() != null && !d.shape().equals(r.shape())) {
                errors.add(new FieldError(at + ".shape", "declared " + d.shape() + " but the model has " + r.shape()));
            }
        }
    }

    private static void contract(UploadMetadata m, Signature real, List<FieldError> errors) {
        if (real.inputs().size() != 1) {
            errors.add(new FieldError("signature.inputs", "the model has " + real.inputs().size()
                    + " inputs " + names(real.inputs()) + "; the platform feeds exactly one 2-D input [-1, k]"));
        } else {
            List<Long> shape = real.inputs().get(0).shape();
            if (shape.size() != 2) {
                errors.add(new FieldError("signature.inputs[0].shape", "is " + shape + "; the platform feeds a 2-D input [-1, k]"));
            } else {
                long k = shape.get(1);
                long columns = MetadataRules.columns(m);
                if (!m.featureRefs().isEmpty() && k >= 0 && k != columns) {
                    errors.add(new FieldError("featureRefs", m.featureRefs().size() + " feature(s) expand to " + columns
                            + " column(s) (one-hot encodings included) but the model input has " + k));
                }
            }
        }
        if (real.outputs().isEmpty()) {
            errors.add(new FieldError("signature.outputs", "the model has no outputs"));
            return;
        }
        if (m.task() == null) {
            return;
        }
        TensorSpec first = real.outputs().get(0);
        List<Long> shape = first.shape();
        long width = shape.size() == 2 ? shape.get(1) : shape.size() == 1 ? 1 : -2;
        if (m.task() == Task.REGRESSION) {
            if (width == -2 || (width >= 0 && width != 1)) {
                errors.add(new FieldError("signature.outputs[0].shape", "is " + shape
                        + "; a REGRESSION model returns one value per row ([-1] or [-1, 1])"));
            }
        } else if (shape.size() != 2) {
            errors.add(new FieldError("signature.outputs[0].shape", "is " + shape + "; a classifier's first output holds one"
                    + " probability per label ([-1, " + m.labels().size() + "])"));
        } else if (width >= 0 && width != m.labels().size()) {
            errors.add(new FieldError("labels", "has " + m.labels().size() + " labels but output '" + first.name()
                    + "' has " + width + " columns"));
        }
    }

    private static List<String> names(List<TensorSpec> specs) {
        return specs.stream().map(TensorSpec::name).toList();
    }
}
