package io.github.kafkatestenv.bridge.common;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway certificate authority and the certificates it signs, for one cluster's TLS listener. EC P-256 keys
 * (fast to generate), signed with the JDK's own providers: Bouncy Castle only builds the certificates and is never
 * registered as a provider, so nothing changes for the rest of the JVM.
 */
public final class TlsFiles {

    private static final Duration VALIDITY = Duration.ofDays(365);
    private static final String SIGNATURE = "SHA256withECDSA";

    private final SecureRandom random = new SecureRandom();
    private final KeyPairGenerator keys;
    private final JcaX509ExtensionUtils extensions;
    private final Date notBefore = Date.from(Instant.now().minus(Duration.ofHours(1)));
    private final Date notAfter = Date.from(Instant.now().plus(VALIDITY));

    private TlsFiles() throws Exception {
        keys = KeyPairGenerator.getInstance("EC");
        keys.initialize(256, random);
        extensions = new JcaX509ExtensionUtils();
    }

    /** Writes the files that {@code KafkaBridge.writeTlsFiles} describes. */
    public static void write(Path directory, String password, List<String> clientNames) throws Exception {
        new TlsFiles().writeAll(directory, password.toCharArray(), clientNames);
    }

    private void writeAll(Path directory, char[] password, List<String> clientNames) throws Exception {
        Files.createDirectories(directory);
        ownerOnly(directory, "rwx------"); // private keys: other local users must not read them
        KeyPair caKeys = keys.generateKeyPair();
        X500Name caName = new X500Name("CN=kafka-testenv CA " + Long.toHexString(random.nextLong() & Long.MAX_VALUE));
        X509Certificate ca = sign(new JcaX509v3CertificateBuilder(caName, serial(), notBefore, notAfter, caName,
                caKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(caKeys.getPublic())), caKeys.getPrivate());
        writePem(directory.resolve("ca.pem"), "CERTIFICATE", ca.getEncoded());
        KeyStore truststore = emptyStore();
        truststore.setCertificateEntry("ca", ca);
        store(truststore, directory.resolve("truststore.p12"), password);

        KeyPair brokerKeys = keys.generateKeyPair();
        GeneralNames loopback = new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")});
        X509Certificate broker = sign(leaf(new X500Name("CN=localhost"), brokerKeys, ca, caKeys)
                .addExtension(Extension.subjectAlternativeName, false, loopback)
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth})),
                caKeys.getPrivate());
        writeKeyStore(directory.resolve("broker.p12"), "broker", brokerKeys.getPrivate(), broker, ca, password);

        for (String name : clientNames) {
            KeyPair clientKeys = keys.generateKeyPair();
            X509Certificate client = sign(leaf(new X500Name("CN=" + name), clientKeys, ca, caKeys)
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            KeyPurposeId.id_kp_clientAuth)), caKeys.getPrivate());
            writeKeyStore(directory.resolve(name + ".p12"), name, clientKeys.getPrivate(), client, ca, password);
            writePem(directory.resolve(name + "-cert.pem"), "CERTIFICATE", client.getEncoded());
            writePem(directory.resolve(name + "-key.pem"), "PRIVATE KEY", clientKeys.getPrivate().getEncoded());
        }
    }

    private X509v3CertificateBuilder leaf(X500Name subject, KeyPair subjectKeys, X509Certificate ca, KeyPair caKeys)
            throws Exception {
        return new JcaX509v3CertificateBuilder(ca, serial(), notBefore, notAfter, subject, subjectKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                .addExtension(Extension.authorityKeyIdentifier, false,
                        extensions.createAuthorityKeyIdentifier(caKeys.getPublic()))
                .addExtension(Extension.subjectKeyIdentifier, false,
                        extensions.createSubjectKeyIdentifier(subjectKeys.getPublic()));
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws Exception {
        ContentSigner contentSigner = new JcaContentSignerBuilder(SIGNATURE).build(signer);
        return new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner));
    }

    private BigInteger serial() {
        return new BigInteger(63, random).add(BigInteger.ONE);
    }

    private static KeyStore emptyStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static void writeKeyStore(Path file, String alias, PrivateKey key, X509Certificate certificate,
                                      X509Certificate ca, char[] password) throws Exception {
        KeyStore store = emptyStore();
        store.setKeyEntry(alias, key, password, new Certificate[] {certificate, ca});
        store(store, file, password);
    }

    private static void store(KeyStore store, Path file, char[] password) throws Exception {
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        ownerOnly(file, "rw-------");
    }

    /** Restricts a file to its owner where the file system has POSIX permissions. */
    private static void ownerOnly(Path path, String permissions) throws java.io.IOException {
        if (Files.getFileStore(path).supportsFileAttributeView(java.nio.file.attribute.PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(path, java.nio.file.attribute.PosixFilePermissions.fromString(permissions));
        }
    }

    private static void writePem(Path file, String type, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n",
                StandardCharsets.US_ASCII);
        ownerOnly(file, "rw-------");
    }
}
