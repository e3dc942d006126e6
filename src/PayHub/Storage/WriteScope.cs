using System.Data.Common;

namespace PayHub.Storage;

/// <summary>What a group-committed write runs in: the writer's prepared statements inside the batch's transaction.</summary>
public sealed class WriteScope(DbConnection connection, Database database) : PreparedStatements(connection, database)
{
    public new DbTransaction Transaction => base.Transaction!;
}
