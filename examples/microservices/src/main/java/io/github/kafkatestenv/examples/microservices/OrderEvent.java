package io.github.kafkatestenv.examples.microservices;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;

/**
 * One step in the life of an order, as the services exchange it: the record's key is the order id, the value is
 * {@code seq=1;type=PLACED;amount=25.00}. {@code seq} counts the order's steps from 1, so a reader can tell
 * whether an order's events arrived in order.
 *
 * @param seq    the step's number within its order, from 1
 * @param type   what happened, for example {@code PLACED} or {@code CHARGED}
 * @param amount the money involved, with two decimals
 */
public record OrderEvent(int seq, String type, BigDecimal amount) {

    private static final String FORMAT = "'seq=<n>;type=<TYPE>;amount=<0.00>'";

    public OrderEvent {
        amount = amount.setScale(2, RoundingMode.UNNECESSARY);
    }

    /**
     * Reads an event written by {@link #format()}.
     *
     * @throws InvalidMessageException saying what is wrong with {@code text}, if it is not such an event
     */
    public static OrderEvent parse(String text) throws InvalidMessageException {
        if (text == null) {
            throw new InvalidMessageException("expected " + FORMAT + " but the value is empty (null)");
        }
        Map<String, String> fields = new HashMap<>();
        for (String field : text.split(";")) {
            int equals = field.indexOf('=');
            if (equals <= 0) {
                throw new InvalidMessageException("expected " + FORMAT + " but got '" + text + "'");
            }
            fields.put(field.substring(0, equals).trim(), field.substring(equals + 1).trim());
        }
        try {
            int seq = Integer.parseInt(required(fields, "seq", text));
            BigDecimal amount = new BigDecimal(required(fields, "amount", text));
            if (seq < 1 || amount.signum() <= 0 || amount.scale() > 2) {
                throw new InvalidMessageException("expected seq >= 1 and a positive amount with at most two "
                        + "decimals but got '" + text + "'");
            }
            return new OrderEvent(seq, required(fields, "type", text), amount);
        } catch (NumberFormatException e) {
            throw new InvalidMessageException("seq or amount is not a number in '" + text + "'");
        }
    }

    private static String required(Map<String, String> fields, String name, String text)
            throws InvalidMessageException {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new InvalidMessageException("expected " + FORMAT + " but '" + name + "' is missing in '" + text
                    + "'");
        }
        return value;
    }

    /** The same step with another type and amount, as the next service reports it. */
    public OrderEvent next(String newType, BigDecimal newAmount) {
        return new OrderEvent(seq, newType, newAmount);
    }

    /** The wire form, which {@link #parse(String)} reads back. */
    public String format() {
        return "seq=" + seq + ";type=" + type + ";amount=" + amount.toPlainString();
    }
}
