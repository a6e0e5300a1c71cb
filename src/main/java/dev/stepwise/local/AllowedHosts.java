package dev.stepwise.local;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Host names the local API answers. Bound to 127.0.0.1, the API is out of other machines'
 * reach, but not out of a web page's: a page whose DNS name is made to resolve to 127.0.0.1
 * after it loaded ("DNS rebinding") can send requests to the API from the user's own browser,
 * and the browser treats the answers as the page's own. Such a request still names the page's
 * host in its Host header, so the API answers only names that mean this machine: localhost and
 * {@code *.localhost}, 127.0.0.0/8 and [::1] literals, plus names the user allows
 * ({@code serve --allow-host NAME}). A request without a Host header (HTTP/1.0) comes from no browser.
 */
public final class AllowedHosts {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+]");

    private final Set<String> allowed;

    private AllowedHosts(Set<String> allowed) {
        this.allowed = allowed;
    }

    /** Only the names that mean this machine. */
    public static AllowedHosts loopback() {
        return new AllowedHosts(Set.of());
    }

    /** The names that mean this machine and {@code names} (a name alone, or with a port, which is ignored). */
    public static AllowedHosts loopbackAnd(Collection<String> names) {
        for (String name : names) {
            if (name.isBlank() || name.chars().anyMatch(c -> c <= ' ' || c == '/' || c == '@')) {
                throw new IllegalArgumentException("--allow-host needs a host name, not '" + name + "'");
            }
        }
        return new AllowedHosts(names.stream().map(AllowedHosts::name).collect(Collectors.toUnmodifiableSet()));
    }

    /** @param host the request's Host header, null when it has none */
    public boolean allows(String host) {
        if (host == null) {
            return true;
        }
        String name = name(host);
        return allowed.contains(name) || name.equals("localhost") || name.endsWith(".localhost") || isLoopbackLiteral(name);
    }

    /** The host part of a Host header, lower case, without port or the root's trailing dot. */
    private static String name(String host) {
        String name = host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[")) {
            int end = name.indexOf(']');
            return end < 0 ? name : name.substring(0, end + 1);
        }
        int colon = name.indexOf(':');
        if (colon >= 0 && name.indexOf(':', colon + 1) < 0) {
            name = name.substring(0, colon);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    private static boolean isLoopbackLiteral(String name) {
        var ipv4 = IPV4.matcher(name);
        if (ipv4.matches()) {
            for (int group = 1; group <= 4; group++) {
                if (Integer.parseInt(ipv4.group(group)) > 255) {
                    return false;
                }
            }
            return ipv4.group(1).equals("127");
        }
        if (IPV6.matcher(name).matches()) {
            try {
                // A bracketed literal is parsed, never looked up; ::ffff:127.0.0.1 counts as 127.0.0.1.
                return InetAddress.getByName(name).isLoopbackAddress();
            } catch (UnknownHostException notAnAddress) {
                return false;
            }
        }
        return false;
    }
}
