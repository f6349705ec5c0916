//SOURCES CognitoClient.java
//SOURCES CognitoCredentials.java
//SOURCES CognitoErrors.java
//SOURCES CognitoTokens.java
//SOURCES ExplicitToken.java
//SOURCES Jwt.java
//SOURCES SignIn.java
//SOURCES SyncCredentials.java
//SOURCES TokenCache.java
//SOURCES TokenType.java
//SOURCES ../api/package-info.java
//SOURCES ../base/package-info.java

/**
 * Signing in to Valor's Cognito user pool, the cached tokens (owner-only file) and their renewal,
 * and the chain a sync takes its credentials from (--token, --token-file, VALOR_TOKEN, a sign-in).
 */
package valor.auth;
