package io.github.kafkatestenv.examples.mlpipeline;

/**
 * One flower of the training data: its four measurements in cm and its species.
 *
 * @param measurements sepal length, sepal width, petal length, petal width
 * @param species      {@code setosa}, {@code versicolor} or {@code virginica}
 */
public record Sample(double[] measurements, String species) {
}
