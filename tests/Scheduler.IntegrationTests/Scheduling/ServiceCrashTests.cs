using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Scheduler.Contracts;
using Scheduler.IntegrationTests.Infrastructure;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;
using Xunit.Abstractions;

namespace Scheduler.IntegrationTests.Scheduling;

/// <summary>
/// The built service executable killed with SIGKILL while jobs fall due, then started again on the same database and
/// virtual host: what it had claimed, sent or half-recorded is neither lost nor run twice.
/// </summary>
public sealed class ServiceCrashTests(ITestOutputHelper output) : IDisposable
{
    const int Jobs = 400;
    static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(15);
    readonly string _workingDirectory = Directory.CreateTempSubdirectory("scheduler-killed-").FullName;

    public void Dispose() => Directory.Delete(_workingDirectory, recursive: true);

    [Fact]
    public Task Jobs_falling_due_when_the_service_is_killed_each_run_once_after_it_restarts() =>
        KillAndRestartAsync(Spacing, payload: null, counts => counts.Succeeded >= Jobs / 10 && counts.Due > 0,
            "a tenth of the jobs to run while others are still due");

    /// <summary>
    /// All due at one instant, so that the consumer host reports their outcomes many to a message and the service records
    /// them many to a transaction: the kill falls while batches of outcomes are being recorded (each run sleeps 50 ms, so
    /// the outcomes come over a few seconds).
    /// </summary>
    [Fact]
    public Task Outcomes_being_recorded_in_batches_when_the_service_is_killed_are_each_recorded_once_after_it_restarts() =>
        KillAndRestartAsync(TimeSpan.Zero, JsonDocument.Parse("{\"duration\": \"PT0.05S\"}").RootElement, counts => counts.Succeeded >= Jobs / 10 && counts.Succeeded < Jobs * 9 / 10 && counts.Due == 0,
            "every run sent and a tenth to nine tenths of their outcomes recorded");

    /// <param name="spacing">Between the due instants of consecutive jobs.</param>
    /// <param name="payload">With a payload, the jobs run the <c>sleep</c> handler; without, <c>noop</c>.</param>
    /// <param name="killWhen">When to kill the service, from the runs succeeded and the due rows left.</param>
    /// <param name="killMoment">What <paramref name="killWhen"/> waits for, in words.</param>
    async Task KillAndRestartAsync(TimeSpan spacing, JsonElement? payload, Func<(int Succeeded, int Due), bool> killWhen, string killMoment)
    {
        // The consumer host and the client bus outlive the service processes, on the deployment's database and vhost.
        await using var deployment = await IsolatedDeployment.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:postgres"] = deployment.PostgresConnectionString,
            ["ConnectionStrings:rabbitmq"] = deployment.RabbitMqUri,
            // The retention job's recurring row would stay in the due table, which the test expects to drain.
            ["Scheduler:Retention:Enabled"] = "false",
        };

        IReadOnlyList<string> killedOutput;
        List<Guid> jobIds;
        await using var db = deployment.OpenDatabase();
        await using (var service = await ServiceProcess.StartAsync(_workingDirectory, settings))
        {
            // Due seconds ahead (time to store them all on a busy machine), so that the kill falls among them.
            var start = DateTimeOffset.UtcNow.AddSeconds(8);
            jobIds = Enumerable.Range(0, Jobs).Select(_ => Guid.NewGuid()).ToList();
            await Task.WhenAll(jobIds.Select((id, i) => deployment.ClientBus.Publish(new ScheduleJob
            {
                JobId = id,
                Name = $"due through a kill {i}",
                Handler = payload is null ? "noop" : "sleep",
                Payload = payload,
                Schedule = new JobSchedule { At = start + (spacing * i) },
            })));
            await Eventually.Until(() => db.Jobs.CountAsync(j => jobIds.Contains(j.CorrelationId)), stored => stored == Jobs, $"all {Jobs} jobs to be stored");

            await Eventually.Until(
                async () => (
                    Succeeded: await db.Runs.AsNoTracking().CountAsync(r => r.Status == RunStatus.Succeeded),
                    Due: await db.DueMessages.CountAsync()),
                killWhen, killMoment, TimeSpan.FromSeconds(30));

            // SIGKILL: no drain, no rollback sent, no channel closed; the broker and the database find out on their own.
            await service.KillAsync();
            killedOutput = service.Output;
        }

        // Nothing moves while no service runs, so these are what the kill left behind.
        var succeededAtKill = await db.Runs.AsNoTracking().CountAsync(r => r.Status == RunStatus.Succeeded);
        var completedAtKill = await db.Jobs.AsNoTracking().CountAsync(j => jobIds.Contains(j.CorrelationId) && j.CurrentState == (int)JobStatus.Completed);
        var dueAtKill = await db.DueMessages.CountAsync();
        output.WriteLine($"at the kill: {succeededAtKill} runs succeeded, {completedAtKill} jobs completed, {dueAtKill} due rows left");
        Assert.True(succeededAtKill > 0, "no job had run before the kill, so it proved nothing");
        Assert.True(completedAtKill < Jobs, "every job had completed before the kill, so it proved nothing");

        await using var restarted = await ServiceProcess.StartAsync(_workingDirectory, settings);
        try
        {
            await Eventually.Until(
                () => db.Jobs.AsNoTracking().CountAsync(j => jobIds.Contains(j.CorrelationId) && j.CurrentState == (int)JobStatus.Completed),
                completed => completed == Jobs, $"all {Jobs} jobs to complete after the restart", TimeSpan.FromSeconds(45));
        }
        catch (TimeoutException)
        {
            output.WriteLine($"killed service:\n{string.Join('\n', killedOutput.TakeLast(40))}");
            output.WriteLine($"restarted service:\n{string.Join('\n', restarted.Output.TakeLast(40))}");
            throw;
        }

        var runs = await db.Runs.AsNoTracking().Where(r => jobIds.Contains(r.JobId)).ToListAsync();
        Assert.Empty(runs.GroupBy(r => (r.JobId, r.ScheduledFor)).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Equal(jobIds.Order(), runs.Select(r => r.JobId).Order());
        Assert.All(runs, r => Assert.Equal(RunStatus.Succeeded, r.Status));

        var succeeded = await db.Audit.AsNoTracking().Where(a => jobIds.Contains(a.JobId) && a.Event == "runSucceeded").GroupBy(a => a.JobId)
            .Select(g => g.Count()).ToListAsync();
        Assert.Equal(Jobs, succeeded.Count);
        Assert.All(succeeded, count => Assert.Equal(1, count));
        var started = await db.Audit.AsNoTracking().Where(a => jobIds.Contains(a.JobId) && a.Event == "runStarted").GroupBy(a => a.JobId)
            .Select(g => g.Count()).ToListAsync();
        Assert.All(started, count => Assert.Equal(1, count));

        // A run can finish before the round that sent it commits the deletion of its row.
        await Eventually.Until(() => db.DueMessages.CountAsync(), left => left == 0, "the due table to drain");
        Assert.Empty(await deployment.DeadLettersAsync());
    }
}
