// valor-shell's startup, read from the class path: JShell's usual imports, java.time and the helpers.
// It replaces JShell's --startup DEFAULT, which would first run a file named DEFAULT in the working folder.
import java.io.*;
import java.math.*;
import java.net.*;
import java.nio.file.*;
import java.time.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.*;
import java.util.prefs.*;
import java.util.regex.*;
import java.util.stream.*;
import static valor.Shell.*;
