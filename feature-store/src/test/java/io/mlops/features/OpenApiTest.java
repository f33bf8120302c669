package io.mlops.features;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import io.mlops.infra.testing.SharedInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = SharedInfraResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OpenApiTest {

    @Test
    void documentsEveryRouteAndThePushBody() {
        given().accept(ContentType.JSON).when().get("/q/openapi?format=json")
                .then().statusCode(200)
                .body("paths", hasKey("/api/v1/online-features"))
                .body("paths", hasKey("/api/v1/historical-features"))
                .body("paths", hasKey("/api/v1/feature-views/{name}/push"))
                .body("paths", hasKey("/api/v1/feature-views/{name}/materialize"))
                .body("paths", hasKey("/get-online-features"))
                .body("components.schemas.PushRequest.properties.rows", notNullValue());
    }
}
