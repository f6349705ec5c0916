//SOURCES LauncherInstall.java
//SOURCES ../base/package-info.java
//SOURCES ../store/package-info.java

/**
 * valor-sql --install: launchers that start a command's JVM directly, skipping JBang's own JVM,
 * with a class-data archive, and that notice when the toolkit changed.
 */
package valor.launcher;
