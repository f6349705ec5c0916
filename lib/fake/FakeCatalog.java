package valor.fake;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * The fixed word lists the fake organisation draws from: names that break naive text handling
 * (accents, apostrophes, spaces, letters NFD cannot fold), the exercise library, and the
 * assessment templates built from it.
 */
public final class FakeCatalog {
    private FakeCatalog() {}

    static final List<String> FIRST_NAMES = List.of(
            "Zoë", "José", "Søren", "Siobhán", "Łukasz", "Renée", "Thảo", "Chloé", "François", "Björn",
            "Aoife", "Niamh", "Jürgen", "Ángel", "Małgorzata", "İlkay", "Tomás", "Dagný", "Øystein", "Noémie",
            "Emma", "Liam", "Olivia", "Noah", "Ava", "Ethan", "Mia", "Lucas", "Sofia", "James",
            "Amara", "Kenji", "Priya", "Hannah", "Marcus", "Leilani", "Dmitri", "Yara", "Kofi", "Grace");

    static final List<String> LAST_NAMES = List.of(
            "O'Brien", "D'Angelo", "Müller", "Ó Súilleabháin", "Nguyễn", "García", "Kowalczyk", "Øvergård",
            "Dvořák", "Šimić", "Björkman", "Côté", "Lefèvre", "Schäfer", "N'Diaye", "MacDonald", "van der Berg",
            "Łęcki", "Ó Ceallaigh", "Straße", "Smith", "Johnson", "Williams", "Brown", "Okafor", "Tanaka",
            "Patel", "Silva", "Rossi", "Andersson", "Hernández", "Petrović", "Kim", "Mensah", "Cohen");

    static final List<String> CLUBS = List.of(
            "northside-athletics", "harbour-rowing", "summit-performance", "riverside-fc", "granite-strength",
            "coastal-physio", "meridian-sports-lab");

    /** The exercise library: 100+ movements, in the order their ids are numbered. */
    static final List<String> EXERCISES = List.of(
            // squats and lunges
            "Bodyweight Squat", "Goblet Squat", "Back Squat", "Front Squat", "Overhead Squat", "Box Squat",
            "Split Squat", "Bulgarian Split Squat", "Pistol Squat", "Sumo Squat", "Wall Sit", "Squat Jump",
            "Forward Lunge", "Reverse Lunge", "Walking Lunge", "Lateral Lunge", "Curtsy Lunge", "Step-Up",
            "Lateral Step-Down", "Cossack Squat",
            // hinges
            "Deadlift", "Romanian Deadlift", "Single-Leg RDL", "Good Morning", "Kettlebell Swing", "Hip Thrust",
            "Glute Bridge", "Single-Leg Glute Bridge", "Nordic Hamstring Curl", "Trap Bar Deadlift",
            // pushes
            "Push-Up", "Incline Push-Up", "Bench Press", "Overhead Press", "Push Press", "Landmine Press",
            "Dumbbell Shoulder Press", "Dip", "Pike Push-Up", "Half-Kneeling Press",
            // pulls
            "Pull-Up", "Chin-Up", "Bent-Over Row", "Single-Arm Row", "Inverted Row", "Face Pull",
            "Lat Pulldown", "Seated Cable Row", "Band Pull-Apart", "Renegade Row",
            // shoulder and arm
            "Shoulder Flexion", "Shoulder Abduction", "Shoulder External Rotation", "Shoulder Internal Rotation",
            "Scaption", "Y-T-W Raise", "Lateral Raise", "Bicep Curl", "Tricep Extension", "Wall Slide",
            // trunk and rotation
            "Plank", "Side Plank", "Dead Bug", "Bird Dog", "Pallof Press", "Russian Twist", "Woodchop",
            "Med Ball Rotational Throw", "Trunk Rotation", "Hollow Hold",
            // jumps and landings
            "Countermovement Jump", "Drop Jump", "Broad Jump", "Lateral Bound", "Single-Leg Hop", "Tuck Jump",
            "Box Jump", "Depth Jump", "Skater Jump", "Pogo Hops",
            // mobility and range of motion
            "Hip Flexion", "Hip Abduction", "Hip Internal Rotation", "Hip External Rotation", "Knee Flexion",
            "Knee Extension", "Ankle Dorsiflexion", "Thoracic Rotation", "Cervical Rotation", "Toe Touch",
            "Deep Squat Hold", "90/90 Hip Switch", "World's Greatest Stretch", "Couch Stretch", "Cat-Cow",
            // gait and sport
            "Walking Gait", "Running Gait", "Sprint Start", "Deceleration Drill", "Cutting Drill",
            "Throwing Motion", "Golf Swing", "Tennis Serve", "Baseball Pitch", "Overhead Throw",
            // carries and balance
            "Farmer's Carry", "Suitcase Carry", "Single-Leg Balance", "Y-Balance Test", "Star Excursion Balance");

    record Template(String name, List<String> exercises) {}

    /** Assessment templates; every size from 3 to 6 occurs, which the session layout relies on. */
    static final List<Template> TEMPLATES = List.of(
            new Template("Lower Body Screen", List.of("Bodyweight Squat", "Single-Leg RDL", "Forward Lunge", "Countermovement Jump")),
            new Template("Shoulder Health Check", List.of("Shoulder Flexion", "Shoulder Abduction", "Shoulder External Rotation", "Shoulder Internal Rotation", "Wall Slide")),
            new Template("Return to Run", List.of("Single-Leg Hop", "Single-Leg Balance", "Running Gait")),
            new Template("Hip Mobility", List.of("Hip Flexion", "Hip Abduction", "Hip Internal Rotation", "Hip External Rotation", "90/90 Hip Switch", "Deep Squat Hold")),
            new Template("Movement Screen", List.of("Overhead Squat", "Push-Up", "Trunk Rotation", "Single-Leg Balance", "Toe Touch", "Ankle Dorsiflexion")),
            new Template("Jump Profile", List.of("Countermovement Jump", "Drop Jump", "Broad Jump")),
            new Template("ACL Risk Screen", List.of("Drop Jump", "Single-Leg Hop", "Lateral Step-Down", "Cutting Drill")),
            new Template("Overhead Athlete Screen", List.of("Overhead Press", "Throwing Motion", "Thoracic Rotation", "Scaption", "Shoulder External Rotation")),
            new Template("Knee Rehab Progress", List.of("Knee Flexion", "Knee Extension", "Split Squat")),
            new Template("Strength Baseline", List.of("Back Squat", "Deadlift", "Bench Press", "Pull-Up")),
            new Template("Balance and Control", List.of("Y-Balance Test", "Star Excursion Balance", "Single-Leg Balance", "Dead Bug", "Bird Dog")),
            new Template("Pre-Season Screen", List.of("Bodyweight Squat", "Push-Up", "Countermovement Jump", "Hip Flexion", "Ankle Dorsiflexion", "Plank")));

    /** Suffixes coaches add to a session name; most sessions keep the plain exercise name. */
    static final List<String> NAME_SUFFIXES = List.of(" (L)", " (R)", " - Set 2", " - Retest", " - warm-up");

    /** ASCII for e-mail addresses: NFD strips accents, the rest (ø, ł, ß...) NFD leaves alone. */
    public static String asciiFold(String text) {
        String stripped = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        StringBuilder out = new StringBuilder();
        for (char c : stripped.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case 'ø' -> out.append('o');
                case 'ł' -> out.append('l');
                case 'đ' -> out.append('d');
                case 'ß' -> out.append("ss");
                case 'æ' -> out.append("ae");
                case 'œ' -> out.append("oe");
                case 'ı' -> out.append('i');
                default -> {
                    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) out.append(c);
                }
            }
        }
        return out.toString();
    }
}
