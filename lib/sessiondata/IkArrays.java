package valor.sessiondata;

import java.sql.Array;
import java.sql.Types;
import org.jdbi.v3.core.argument.Argument;
import org.postgresql.jdbc.PgConnection;
import valor.ik.IkCodec;
import valor.store.Engine;

/**
 * How an IK array goes into its column: on H2, encoded (IkCodec, about a byte a sample, decoded by
 * the IK_SAMPLES Java function); on PostgreSQL, as a native {@code double precision[]}, which the
 * SQL function ik_samples reads without any code of ours inside the server. NaN stands for a null
 * sample in both.
 */
interface IkArrays {
    /** The argument to bind for one encoded array (null when the API sent none). */
    Argument column(byte[] encoded);

    static IkArrays of(Engine engine) {
        if (engine == Engine.H2) {
            return encoded -> (position, statement, context) -> {
                if (encoded == null) statement.setNull(position, Types.VARBINARY);
                else statement.setBytes(position, encoded);
            };
        }
        return encoded -> (position, statement, context) -> {
            if (encoded == null) {
                statement.setNull(position, Types.ARRAY);
                return;
            }
            // A double[] (not Double[]): the driver then sends the array in its binary form, not as text.
            Array array = statement.getConnection().unwrap(PgConnection.class).createArrayOf("float8", IkCodec.decode(encoded));
            statement.setArray(position, array);
        };
    }
}
