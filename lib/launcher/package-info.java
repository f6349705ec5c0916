//SOURCES ClassDataArchive.java
//SOURCES CommandBuilds.java
//SOURCES LauncherInstall.java
//SOURCES LauncherScript.java
//SOURCES Processes.java
//SOURCES ../base/package-info.java
//SOURCES ../store/package-info.java

/**
 * valor-sql --install: launchers for every command of the checkout or of the JBang catalog it was
 * run from, that start a command's JVM directly, skipping JBang's own JVM, valor-sql's and
 * valor-sync's with a class-data archive, and that notice when their build is no longer current.
 */
package valor.launcher;
