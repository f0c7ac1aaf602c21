using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Scheduler.Contracts.Serialization;

namespace Scheduler.Consumers.Execution;

/// <summary>
/// The outcome log in PostgreSQL, table <c>scheduler_consumer_runs</c> (created on first use): one row per finished
/// run, kept for <see cref="RetainFor"/>, which is far longer than any redelivery takes.
/// </summary>
public sealed class PostgresRunOutcomeLog(NpgsqlDataSource dataSource, TimeProvider clock) : IRunOutcomeLog, IDisposable
{
    /// <summary>How long a finished run is remembered.</summary>
    public static readonly TimeSpan RetainFor = TimeSpan.FromDays(7);

    static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);
    static readonly JsonSerializerOptions Json = SchedulerJson.CreateOptions();

    readonly SemaphoreSlim _schema = new(1, 1);
    bool _schemaReady;
    DateTimeOffset _nextPurgeAt;

    /// <inheritdoc />
    public async Task<RunOutcome?> FindAsync(Guid runId, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("SELECT outcome FROM scheduler_consumer_runs WHERE run_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = runId });
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? JsonSerializer.Deserialize<RunOutcome>(json, Json) : null;
    }

    /// <inheritdoc />
    public async Task RecordAsync(RunOutcome outcome, string handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        await EnsureSchemaAsync(cancellationToken);
        var now = clock.GetUtcNow();
        await using (var command = dataSource.CreateCommand(
            "INSERT INTO scheduler_consumer_runs (run_id, job_id, handler, outcome, finished_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (run_id) DO NOTHING"))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = outcome.RunId });
            command.Parameters.Add(new NpgsqlParameter { Value = outcome.JobId });
            command.Parameters.Add(new NpgsqlParameter { Value = handler });
            command.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(outcome, Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
            command.Parameters.Add(new NpgsqlParameter { Value = now });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        if (now >= _nextPurgeAt)
        {
            _nextPurgeAt = now + PurgeEvery;
            await using var purge = dataSource.CreateCommand("DELETE FROM scheduler_consumer_runs WHERE finished_at < $1");
            purge.Parameters.Add(new NpgsqlParameter { Value = now - RetainFor });
            await purge.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _schema.Dispose();

    async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaReady)
            return;

        await _schema.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady)
                return;

            await using var command = dataSource.CreateCommand("""
                CREATE TABLE IF NOT EXISTS scheduler_consumer_runs (
                    run_id uuid PRIMARY KEY,
                    job_id uuid NOT NULL,
                    handler text NOT NULL,
                    outcome jsonb NOT NULL,
                    finished_at timestamptz NOT NULL);
                CREATE INDEX IF NOT EXISTS ix_scheduler_consumer_runs_finished ON scheduler_consumer_runs (finished_at);
                """);
            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
            {
                // Another host created the table at the same moment: IF NOT EXISTS does not serialize concurrent creators.
            }

            _schemaReady = true;
        }
        finally
        {
            _schema.Release();
        }
    }
}
