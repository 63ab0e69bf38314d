package io.harmony4.rest;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Converts the API's whole-number query parameters ({@code level}, {@code blockSize}, {@code offset},
 * {@code length}) so that a value that is not one is a 400 bad-parameter problem naming the parameter, instead of
 * the 404 JAX-RS prescribes for a query parameter that fails to convert.
 */
@Provider
public class QueryParameterConverters implements ParamConverterProvider {

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        String name = queryParameterName(annotations);
        if (name == null) {
            return null;
        }
        if (rawType == Integer.class) {
            return (ParamConverter<T>) new WholeNumber<>(name, Integer::valueOf);
        }
        if (rawType == Long.class) {
            return (ParamConverter<T>) new WholeNumber<>(name, Long::valueOf);
        }
        return null;
    }

    /** The name a query parameter is declared with; null for any other kind of parameter. */
    private static String queryParameterName(Annotation[] annotations) {
        for (Annotation a : annotations) {
            if (a instanceof RestQuery q && !q.value().isEmpty()) {
                return q.value();
            }
            if (a instanceof QueryParam q) {
                return q.value();
            }
        }
        return null;
    }

    private record WholeNumber<N extends Number>(String name, Function<String, N> parse) implements ParamConverter<N> {
        @Override
        public N fromString(String value) {
            if (value == null || value.isEmpty()) {
                return null;
            }
            try {
                return parse.apply(value);
            } catch (NumberFormatException e) {
                throw new BadParameterException(name, name + " must be a whole number, got '" + value + "'");
            }
        }

        @Override
        public String toString(N value) {
            return value == null ? null : value.toString();
        }
    }
}
