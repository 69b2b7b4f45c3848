package dev.tuf4j.client.http;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tuf4j.NetworkException;
import dev.tuf4j.client.internal.http.Redirects;
import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The redirect rules on their own. */
@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RedirectsTest {

  @ParameterizedTest
  @CsvSource({
    "http://repo.example/a, http://repo.example/b, true",
    "http://repo.example/a, http://repo.example:80/b, true",
    "https://repo.example/a, https://REPO.example:443/b, true",
    "http://repo.example/a, https://repo.example/b, false",
    "http://repo.example/a, http://repo.example:8080/b, false",
    "http://repo.example/a, http://cdn.repo.example/b, false",
  })
  void comparesOriginsBySchemeHostAndEffectivePort(String a, String b, boolean same) {
    assertEquals(same, Redirects.sameOrigin(URI.create(a), URI.create(b)));
  }

  @Test
  void resolvesRelativeLocationsWithoutReencoding() throws Exception {
    URI from = URI.create("http://repo.example/metadata/a%2Fb.json");
    assertEquals(
        URI.create("http://repo.example/metadata/c%20d.json"),
        Redirects.target(from, "c%20d.json"));
    assertEquals(URI.create("http://repo.example/x?y=%2F"), Redirects.target(from, "/x?y=%2F"));
  }

  @Test
  void rejectsInvalidAndUnsupportedLocations() {
    URI from = URI.create("http://repo.example/a");
    assertThrows(NetworkException.class, () -> Redirects.target(from, "http://bad host/"));
    assertThrows(NetworkException.class, () -> Redirects.target(from, "file:///etc/passwd"));
    assertThrows(NetworkException.class, () -> Redirects.target(from, "mailto:a@b"));
  }

  @Test
  void neverAllowsHttpsToHttp() {
    URI from = URI.create("https://repo.example/a");
    URI to = URI.create("http://repo.example/a");
    assertThrows(NetworkException.class, () -> Redirects.check(from, to, true));
    assertThrows(NetworkException.class, () -> Redirects.check(from, to, false));
  }

  @Test
  void allowsHttpToHttpsOnlyWhenCrossOriginIsAllowed() {
    URI from = URI.create("http://repo.example/a");
    URI to = URI.create("https://repo.example/a");
    assertThrows(NetworkException.class, () -> Redirects.check(from, to, false));
    assertDoesNotThrow(() -> Redirects.check(from, to, true));
  }

  @Test
  void knowsWhichStatusesRedirect() {
    for (int s : new int[] {301, 302, 303, 307, 308}) {
      assertTrue(Redirects.isRedirect(s));
    }
    for (int s : new int[] {200, 300, 304, 305, 306, 404}) {
      assertFalse(Redirects.isRedirect(s));
    }
  }
}
