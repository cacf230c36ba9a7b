package io.github.kafkatestenv.examples.mlpipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The model on its own, without Kafka: it learns the shipped data. */
class SpeciesModelTest {

    @Test
    void learnsToTellTheThreeSpeciesApart() throws Exception {
        SpeciesModel model = new SpeciesModel();
        List<Sample> flowers = SpeciesModel.dataset();
        long right = 0;
        for (Sample flower : flowers) {
            right += model.predict(flower.measurements()).species().equals(flower.species()) ? 1 : 0;
        }
        assertEquals(List.of("setosa", "versicolor", "virginica"), model.species());
        assertEquals(150, flowers.size());
        assertTrue(right >= 0.95 * flowers.size(), right + " of 150 right");
    }
}
