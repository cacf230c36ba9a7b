package io.github.kafkatestenv.maven.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * Turns input lines into records as Kafka's console producer does: every line is a record, an empty line too (an
 * empty value); with headers parsed, the line starts with {@code h1:v1,h2:v2} and the headers delimiter; with a key
 * separator, then comes {@code key<separator>value}. A line that lacks a delimiter it needs is an error naming the
 * line number.
 */
public final class ConsoleLineReader {

    /** A record read from a line: its key (or null), its value and its headers. */
    public record Line(int number, byte[] key, byte[] value, List<Header> headers) {
    }

    /** A line that does not have the form the separators ask for. */
    public static final class MalformedLineException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedLineException(String message) {
            super(message);
        }
    }

    private final BufferedReader reader;
    private final String keySeparator;
    private final String headersDelimiter;
    private final String headersSeparator;
    private final String headersKeySeparator;
    private final Map<String, String> constantHeaders;
    private int lineNumber;

    /**
     * @param keySeparator     null to send whole lines as values
     * @param headersDelimiter null not to parse headers; otherwise the headers separator and key separator apply
     * @param constantHeaders  headers added to every record, after the parsed ones
     */
    public ConsoleLineReader(BufferedReader reader, String keySeparator, String headersDelimiter,
                             String headersSeparator, String headersKeySeparator, Map<String, String> constantHeaders) {
        this.reader = reader;
        this.keySeparator = keySeparator;
        this.headersDelimiter = headersDelimiter;
        this.headersSeparator = headersSeparator;
        this.headersKeySeparator = headersKeySeparator;
        this.constantHeaders = constantHeaders;
    }

    /**
     * The next record, or null at the end of the input.
     *
     * @throws MalformedLineException naming the line number, the separator missing and the line
     */
    public Line next() throws IOException, MalformedLineException {
        String line = reader.readLine();
        if (line == null) {
            return null;
        }
        lineNumber++;
        List<Header> headers = new ArrayList<>();
        String rest = line;
        if (headersDelimiter != null) {
            int at = rest.indexOf(headersDelimiter);
            if (at < 0) {
                throw malformed("headers delimiter " + ConsoleClients.show(headersDelimiter), line);
            }
            String pairs = rest.substring(0, at);
            rest = rest.substring(at + headersDelimiter.length());
            if (!pairs.isEmpty()) {
                for (String pair : pairs.split(java.util.regex.Pattern.quote(headersSeparator), -1)) {
                    int colon = pair.indexOf(headersKeySeparator);
                    if (colon <= 0) {
                        throw malformed("header key separator " + ConsoleClients.show(headersKeySeparator)
                                + " in header '" + pair + "'", line);
                    }
                    headers.add(new RecordHeader(pair.substring(0, colon),
                            utf8(pair.substring(colon + headersKeySeparator.length()))));
                }
            }
        }
        constantHeaders.forEach((name, value) -> headers.add(new RecordHeader(name, utf8(value))));
        byte[] key = null;
        if (keySeparator != null) {
            int at = rest.indexOf(keySeparator);
            if (at < 0) {
                throw malformed("key separator " + ConsoleClients.show(keySeparator), line);
            }
            key = utf8(rest.substring(0, at));
            rest = rest.substring(at + keySeparator.length());
        }
        return new Line(lineNumber, key, utf8(rest), headers);
    }

    private MalformedLineException malformed(String missing, String line) {
        return new MalformedLineException("Line " + lineNumber + " has no " + missing + ": '" + line + "'");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
