package io.github.kafkatestenv.examples.mlpipeline;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A multinomial logistic regression that tells the species of an iris flower from its four measurements, trained
 * when it is made on the Iris data shipped with the example ({@code iris.csv}: R. A. Fisher's 150 flowers, three
 * species). Training is deterministic (zero start, full-batch gradient descent), so every instance predicts the
 * same; it is right for about 97 % of the training flowers.
 *
 * <p>The optional latency stands for a bigger model's inference time: every {@link #predict} takes at least that
 * long, and an interrupt ends the wait, as it would end a long computation.
 */
public final class SpeciesModel {

    private static final String DATA = "iris.csv";
    private static final int EPOCHS = 2000;
    private static final double LEARNING_RATE = 0.5;
    private static final double L2 = 1e-4;

    private final List<String> species = new ArrayList<>();
    private final double[] mean = new double[Measurements.COUNT];
    private final double[] spread = new double[Measurements.COUNT];
    /** Per species: a weight per measurement, then the bias. */
    private final double[][] weights;
    private final Duration latency;

    /** A model trained on the shipped data, answering as fast as it computes. */
    public SpeciesModel() {
        this(Duration.ZERO);
    }

    /** A model trained on the shipped data whose every prediction takes at least {@code latency}. */
    public SpeciesModel(Duration latency) {
        this.latency = latency;
        List<Sample> samples = dataset();
        samples.stream().map(Sample::species).distinct().forEach(species::add);
        for (int j = 0; j < Measurements.COUNT; j++) {
            int feature = j;
            mean[j] = samples.stream().mapToDouble(s -> s.measurements()[feature]).average().orElse(0);
            spread[j] = Math.sqrt(samples.stream()
                    .mapToDouble(s -> Math.pow(s.measurements()[feature] - mean[feature], 2)).average().orElse(1));
        }
        weights = new double[species.size()][Measurements.COUNT + 1];
        train(samples);
    }

    /** The shipped training data, in file order. */
    public static List<Sample> dataset() {
        try (InputStream in = SpeciesModel.class.getResourceAsStream(DATA)) {
            if (in == null) {
                throw new IllegalStateException(DATA + " is missing from the class path next to "
                        + SpeciesModel.class.getName());
            }
            List<Sample> samples = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            reader.readLine();                                      // the header
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                int lastComma = line.lastIndexOf(',');
                samples.add(new Sample(Measurements.parse(line.substring(0, lastComma)),
                        line.substring(lastComma + 1)));
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + DATA, e);
        }
    }

    /** The species this model knows, in the order of the data. */
    public List<String> species() {
        return List.copyOf(species);
    }

    /**
     * The most likely species of the flower with these measurements.
     *
     * @throws InterruptedException if interrupted while the model works
     */
    public Prediction predict(double[] measurements) throws InterruptedException {
        double[] probabilities = probabilities(standardized(measurements));
        int best = 0;
        for (int k = 1; k < probabilities.length; k++) {
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
        }
        if (!latency.isZero()) {
            Thread.sleep(latency.toMillis());                       // a bigger model's inference time
        }
        return new Prediction(species.get(best), probabilities[best]);
    }

    private void train(List<Sample> samples) {
        double[][] inputs = samples.stream().map(s -> standardized(s.measurements())).toArray(double[][]::new);
        int[] labels = samples.stream().mapToInt(s -> species.indexOf(s.species())).toArray();
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            double[][] gradient = new double[weights.length][Measurements.COUNT + 1];
            for (int i = 0; i < inputs.length; i++) {
                double[] probabilities = probabilities(inputs[i]);
                for (int k = 0; k < weights.length; k++) {
                    double error = probabilities[k] - (labels[i] == k ? 1 : 0);
                    for (int j = 0; j < Measurements.COUNT; j++) {
                        gradient[k][j] += error * inputs[i][j];
                    }
                    gradient[k][Measurements.COUNT] += error;
                }
            }
            for (int k = 0; k < weights.length; k++) {
                for (int j = 0; j <= Measurements.COUNT; j++) {
                    double decay = j < Measurements.COUNT ? L2 * weights[k][j] : 0;
                    weights[k][j] -= LEARNING_RATE * (gradient[k][j] / inputs.length + decay);
                }
            }
        }
    }

    private double[] standardized(double[] measurements) {
        double[] x = new double[Measurements.COUNT];
        for (int j = 0; j < Measurements.COUNT; j++) {
            x[j] = (measurements[j] - mean[j]) / spread[j];
        }
        return x;
    }

    /** Softmax of each species' score. */
    private double[] probabilities(double[] x) {
        double[] scores = new double[weights.length];
        for (int k = 0; k < weights.length; k++) {
            scores[k] = weights[k][Measurements.COUNT];
            for (int j = 0; j < Measurements.COUNT; j++) {
                scores[k] += weights[k][j] * x[j];
            }
        }
        double max = Arrays.stream(scores).max().orElse(0);
        double sum = 0;
        for (int k = 0; k < scores.length; k++) {
            scores[k] = Math.exp(scores[k] - max);
            sum += scores[k];
        }
        for (int k = 0; k < scores.length; k++) {
            scores[k] /= sum;
        }
        return scores;
    }
}
