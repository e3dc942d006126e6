using System.Data;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace PayHub.Storage;

/// <summary>The two engines PayHub runs on: SQLite embedded (one file), PostgreSQL in production.</summary>
public enum DatabaseEngine
{
    Sqlite,
    PostgreSql,
}
