package io.github.kafkatestenv.examples.mlpipeline;

import java.util.Locale;

/**
 * What the model says about one flower: the most likely species and the model's probability for it.
 *
 * @param species     the most likely species
 * @param probability the model's probability for it, from 0 to 1
 */
public record Prediction(String species, double probability) {

    /** The result's wire form, {@code species=setosa;probability=0.981}. */
    public String format() {
        return String.format(Locale.ROOT, "species=%s;probability=%.3f", species, probability);
    }
}
