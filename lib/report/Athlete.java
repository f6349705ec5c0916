package valor.report;

import java.text.Normalizer;
import java.util.Locale;

/** The athlete a page is about, as the store names them; {@code deleted} when the API no longer lists them. */
public record Athlete(String id, String name, boolean deleted) {

    /** The name as a file name: "Zoë O'Neil" becomes "zoe-o-neil"; the id when the name has no letters or digits. */
    public String slug() {
        String plain = Normalizer.normalize(name == null ? "" : name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.isEmpty()) slug = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "athlete" : slug;
    }

    /** For a second athlete of the same name: "noah-cohen-3f2c9a01-..." */
    public String slugWithId() {
        return new Athlete(id, shown() + " " + id, deleted).slug();
    }

    /** "Noah Cohen", or the id for an athlete without a name. */
    public String shown() {
        return name == null || name.isBlank() ? id : name;
    }
}
