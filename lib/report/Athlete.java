package valor.report;

/** The athlete a page is about, as the store names them; {@code deleted} when the API no longer lists them. */
public record Athlete(String id, String name, boolean deleted) {

    /** "Noah Cohen", or the id for an athlete without a name. */
    public String shown() {
        return name == null || name.isBlank() ? id : name;
    }
}
