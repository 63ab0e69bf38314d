package io.harmony4.rest;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.harmony4.container.FilterChoice;
import io.harmony4.filter.Filter;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestQuery;
import org.junit.jupiter.api.Test;

/**
 * What {@code /v1/compress} documents of the filters' element sizes agrees with {@link Filter}, which defines them:
 * an annotation holds only constants, so {@link CompressResource} writes them out, and this holds the two equal.
 */
class CompressFilterDocumentationTest {
    private static Parameter documented(String query) {
        Method compress = Arrays.stream(CompressResource.class.getMethods())
                .filter(m -> m.getName().equals("compress")).findFirst().orElseThrow();
        for (java.lang.reflect.Parameter p : compress.getParameters()) {
            RestQuery name = p.getAnnotation(RestQuery.class);
            if (name != null && name.value().equals(query)) {
                return p.getAnnotation(Parameter.class);
            }
        }
        throw new AssertionError("no query parameter " + query);
    }

    @Test
    void theFilterParameterNamesEachFilterWithTheSizesItTakes() {
        String forms = Arrays.stream(Filter.values()).map(f -> f.label() + ":" + f.elementSizes().stream()
                .map(String::valueOf).collect(Collectors.joining("|"))).collect(Collectors.joining(", "));
        String description = documented("filter").description();
        assertThat(description, containsString(": " + forms + " ("));
        assertThat(description, containsString("(at elementSize, or at "
                + Filter.oneOf(FilterChoice.Auto.ELEMENT_SIZES).replace(" or ", " and ") + ")"));
    }

    @Test
    void elementSizeOffersEverySizeSomeFilterTakes() {
        Parameter elementSize = documented("elementSize");
        assertEquals(Filter.anyElementSize().stream().map(String::valueOf).toList(),
                Arrays.asList(elementSize.schema().enumeration()));
        assertThat(elementSize.description(), containsString("the one auto chooses for ("
                + Filter.oneOf(FilterChoice.Auto.ELEMENT_SIZES) + ")"));
    }
}
