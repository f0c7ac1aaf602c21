using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Scheduler.Consumers.Hosting;
using Scheduler.Contracts.Serialization;

namespace Scheduler.Consumers.Execution;

/// <summary>
/// The outcome log in PostgreSQL, table <c>scheduler_consumer_runs</c> (created when the host starts, or on first use): one row per finished
/// run, kept for <see cref="RetainFor"/>, which is far longer than any redelivery takes. A table dropped while the
/// host runs is created again. The log is a guard, not part of the run: <see cref="ExecuteJobConsumer"/> runs and reports
/// a run whether or not the log answers.
/// </summary>
public sealed class PostgresRunOutcomeLog(NpgsqlDataSource dataSource, TimeProvider clock) : IRunOutcomeLog, IDisposable
{
    /// <summary>How long a finished run is remembered.</summary>
    public static readonly TimeSpan RetainFor = TimeSpan.FromDays(7);

    /// <summary>
    /// The log's pool where the connection string is silent: five connections (a lookup and a record per run take a
    /// millisecond each), and waits of at most five seconds, so an unreachable database delays a run by seconds, not minutes.
    /// </summary>
    public static PostgresPoolDefaults PoolDefaults { get; } = new("scheduler-consumer", 5)
    {
        ConnectionTimeout = TimeSpan.FromSeconds(5),
        CommandTimeout = TimeSpan.FromSeconds(5),
    };

    static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);
    static readonly JsonSerializerOptions Json = SchedulerJson.CreateOptions();

    readonly SemaphoreSlim _schema = new(1, 1);
    volatile bool _schemaReady;
    DateTimeOffset _nextPurgeAt;

    /// <summary>Creates the table unless it exists, ahead of the first run (see <see cref="RunOutcomeLogPreparation"/>).</summary>
    internal Task PrepareAsync(CancellationToken cancellationToken) => EnsureSchemaAsync(cancellationToken);

    /// <inheritdoc />
    public Task<RunOutcome?> FindAsync(Guid runId, CancellationToken cancellationToken) =>
        WithTableAsync(async () =>
        {
            await using var command = dataSource.CreateCommand("SELECT outcome FROM scheduler_consumer_runs WHERE run_id = $1");
            command.Parameters.Add(new NpgsqlParameter { Value = runId });
            return await command.ExecuteScalarAsync(cancellationToken) is string json ? JsonSerializer.Deserialize<RunOutcome>(json, Json) : null;
        }, cancellationToken);

    /// <inheritdoc />
    public Task RecordAsync(RunOutcome outcome, string handler, CancellationToken cancellationToken) =>
        RecordAsync([new LoggedRunOutcome(outcome, handler)], cancellationToken);

    /// <inheritdoc />
    public async Task RecordAsync(IReadOnlyList<LoggedRunOutcome> outcomes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        if (outcomes.Count == 0)
            return;

        var now = clock.GetUtcNow();
        await WithTableAsync(async () =>
        {
            await using var command = dataSource.CreateCommand(
                "INSERT INTO scheduler_consumer_runs (run_id, job_id, handler, outcome, finished_at) " +
                "SELECT run_id, job_id, handler, outcome, $5 FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::jsonb[]) AS o (run_id, job_id, handler, outcome) " +
                "ON CONFLICT (run_id) DO NOTHING");
            command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => o.Outcome.RunId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => o.Outcome.JobId).ToArray() });
            command.Parameters.Add(new NpgsqlParameter { Value = outcomes.Select(o => o.Handler).ToArray() });
            command.Parameters.Add(new NpgsqlParameter
            {
                Value = outcomes.Select(o => JsonSerializer.Serialize(o.Outcome, Json)).ToArray(),
                NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb,
            });
            command.Parameters.Add(new NpgsqlParameter { Value = now });
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

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

    /// <summary>Runs <paramref name="statement"/> on the table, creating it first, and again if it was dropped meanwhile.</summary>
    async Task<T> WithTableAsync<T>(Func<Task<T>> statement, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        try
        {
            return await statement();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            _schemaReady = false;
            await EnsureSchemaAsync(cancellationToken);
            return await statement();
        }
    }

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
