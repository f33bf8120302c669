package io.mlops.registry.version;

import static io.mlops.registry.support.Registry.API;
import static io.mlops.registry.support.Registry.binaryMetadata;
import static io.mlops.registry.support.Registry.createModel;
import static io.mlops.registry.support.Registry.unique;
import static io.mlops.registry.support.Registry.upload;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mlops.infra.testing.SharedInfraResource;
import io.mlops.registry.support.OnnxModels;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConcurrentUploadTest {

    @Test
    void twentyConcurrentUploadsGetVersionsOneToTwenty() throws Exception {
        String model = unique("burst");
        createModel(model);
        byte[] onnx = OnnxModels.logisticRegression(3, 2);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Callable<Integer>> uploads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            uploads.add(() -> upload(model, onnx, binaryMetadata(3)).statusCode(201).extract().path("version"));
        }
        List<Integer> versions = new ArrayList<>();
        for (Future<Integer> f : pool.invokeAll(uploads)) {
            versions.add(f.get());
        }
        pool.shutdown();
        versions.sort(Integer::compare);
        assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), versions);
        List<Integer> listed = given().queryParam("orderBy", "version ASC").get(API + "/models/" + model + "/versions")
                .then().statusCode(200).extract().path("modelVersions.version");
        assertEquals(IntStream.rangeClosed(1, 20).boxed().toList(), listed);
        int latest = given().get(API + "/models/" + model).then().extract().path("latestVersion");
        assertEquals(20, latest);
    }
}
