using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Scheduler.Service.Tenancy;

/// <summary>
/// On PostgreSQL, puts a member's request under row-level security as each connection opens: the connection takes the
/// role <c>scheduler_tenant</c> (which the tables' policies restrict) and the setting <c>scheduler.tenant</c>, so even a
/// query that forgot its tenant filter sees only that tenant's rows. Npgsql resets both when the connection returns
/// to the pool.
/// </summary>
public sealed class TenantConnectionInterceptor(TenantScope scope) : DbConnectionInterceptor
{
    /// <summary>The database role that row-level security applies to.</summary>
    public const string Role = "scheduler_tenant";

    /// <summary>The session setting the policies compare each row's tenant with.</summary>
    public const string Setting = "scheduler.tenant";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (Command(connection) is { } command)
            using (command)
                command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (Command(connection) is { } command)
            await using (command)
                await command.ExecuteNonQueryAsync(cancellationToken);
    }

    NpgsqlCommand? Command(DbConnection connection)
    {
        if (!scope.IsRestricted || connection is not NpgsqlConnection npgsql)
            return null;

        var command = new NpgsqlCommand($"SET ROLE {Role}; SELECT set_config('{Setting}', @tenant, false)", npgsql);
        command.Parameters.AddWithValue("tenant", scope.TenantId!);
        return command;
    }
}
