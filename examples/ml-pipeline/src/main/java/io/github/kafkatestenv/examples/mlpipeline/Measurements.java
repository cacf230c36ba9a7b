package io.github.kafkatestenv.examples.mlpipeline;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The request's wire form: a flower's four measurements in cm, comma separated, {@code 5.1,3.5,1.4,0.2}. */
public final class Measurements {

    /** Sepal length, sepal width, petal length, petal width. */
    public static final int COUNT = 4;

    private Measurements() {
    }

    /** {@code measurements} as a request value. */
    public static String format(double[] measurements) {
        return Arrays.stream(measurements).mapToObj(Double::toString)
                .collect(Collectors.joining(","));
    }

    /**
     * Reads a request value.
     *
     * @throws IllegalArgumentException saying what is wrong, if it is not four positive numbers
     */
    public static double[] parse(String text) {
        String[] fields = text == null ? new String[0] : text.split(",");
        double[] values = new double[fields.length];
        try {
            for (int i = 0; i < fields.length; i++) {
                values[i] = Double.parseDouble(fields[i].trim());
            }
        } catch (NumberFormatException e) {
            values = null;
        }
        if (values == null || values.length != COUNT || Arrays.stream(values).anyMatch(value -> !(value > 0))) {
            throw new IllegalArgumentException("expected " + COUNT + " positive numbers (sepal length, sepal width, "
                    + "petal length, petal width in cm) but got '" + text + "'");
        }
        return values;
    }
}
