package io.github.kafkatestenv.engine.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The body of a request to a {@link ClusterServer} and of its answer: name and value pairs in the form encoding of
 * HTML forms ({@code application/x-www-form-urlencoded}, UTF-8), in order; a name may repeat.
 */
final class WireForm {

    private final List<String[]> pairs = new ArrayList<>();

    static WireForm of(String... namesAndValues) {
        WireForm form = new WireForm();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            form.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return form;
    }

    static WireForm decode(String text) {
        WireForm form = new WireForm();
        if (text == null || text.isEmpty()) {
            return form;
        }
        for (String pair : text.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            form.add(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return form;
    }

    WireForm add(String name, String value) {
        pairs.add(new String[] {name, value});
        return this;
    }

    /** The first value of {@code name}, or {@code null}. */
    String get(String name) {
        for (String[] pair : pairs) {
            if (pair[0].equals(name)) {
                return pair[1];
            }
        }
        return null;
    }

    /** The first value of {@code name}; an {@link IllegalArgumentException} naming it if there is none. */
    String require(String name) {
        String value = get(name);
        if (value == null) {
            throw new IllegalArgumentException("The request lacks '" + name + "'");
        }
        return value;
    }

    int requireInt(String name) {
        String value = require(name);
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + name + "' is not a number: " + value);
        }
    }

    List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (String[] pair : pairs) {
            if (pair[0].equals(name)) {
                values.add(pair[1]);
            }
        }
        return values;
    }

    /** Every pair whose name starts with {@code prefix}, the prefix taken off, in order. */
    Map<String, String> withPrefix(String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String[] pair : pairs) {
            if (pair[0].startsWith(prefix)) {
                values.put(pair[0].substring(prefix.length()), pair[1]);
            }
        }
        return values;
    }

    String encode() {
        StringJoiner text = new StringJoiner("&");
        for (String[] pair : pairs) {
            text.add(URLEncoder.encode(pair[0], StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(pair[1], StandardCharsets.UTF_8));
        }
        return text.toString();
    }
}
