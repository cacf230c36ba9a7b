package io.github.kafkatestenv.examples.springboot;

/**
 * An order for a quantity of one item. On the orders topic the id is the record key (so the records of one order
 * stay in order) and the value is {@code item:quantity}.
 */
public record Order(String id, String item, int quantity) {

    /** The record value: {@code book:2}. */
    public String value() {
        return item + ":" + quantity;
    }
}
