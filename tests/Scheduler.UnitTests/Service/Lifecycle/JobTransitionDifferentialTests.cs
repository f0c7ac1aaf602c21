using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Scheduler.Contracts;
using Scheduler.UnitTests.Service.Lifecycle.Differential;
using Xunit.Abstractions;

namespace Scheduler.UnitTests.Service.Lifecycle;

/// <summary>
/// The saga on the bus and <see cref="Scheduler.Service.Lifecycle.JobTransition"/> applied directly are one set of
/// rules: the same seeded random sequences of inputs, at the same fake instants, leave the same job, run, audit and
/// due-message rows in two databases.
/// </summary>
public sealed class JobTransitionDifferentialTests(ITestOutputHelper output)
{
    const int Seed = 14;
    const int Sequences = 300;
    static readonly TimeSpan StepDeadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Random_sequences_of_inputs_leave_the_same_rows_through_the_saga_as_through_the_transition_applied_directly()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        await using var sagaStore = new LifecycleDatabase(clock);
        SagaPath.AddBus(sagaStore);
        await sagaStore.StartAsync();
        var saga = new SagaPath(sagaStore);
        await saga.StartAsync();
        await using var directStore = new LifecycleDatabase(clock);
        await directStore.StartAsync();
        var direct = new DirectPath(directStore, clock);

        var random = new Random(Seed);
        var generator = new JobStepGenerator(random, clock);
        var inputs = 0;
        for (var sequence = 0; sequence < Sequences; sequence++)
        {
            var jobId = generator.NewGuid();
            var key = random.Next(8) == 0 ? $"key-{sequence}" : null;
            var jobIds = new HashSet<Guid>();
            var applied = new List<JobStep>();
            var (length, view, step) = (random.Next(5, 16), new JobView(null, []), generator.Schedule(jobId, key));
            while (true)
            {
                using var deadline = new CancellationTokenSource(StepDeadline);
                var admitted = step.Message is ScheduleJob { IdempotencyKey: null } && view.Job is null;
                await saga.ApplyAsync(step, admitted, deadline.Token);
                await direct.ApplyAsync(step, deadline.Token);
                jobIds.Add(step.JobId);
                applied.Add(step);
                if (applied.Count == length)
                    break;

                view = await direct.ViewAsync(jobId);
                step = generator.Next(jobId, view, key);
            }

            inputs += applied.Count;
            var onBus = await sagaStore.QueryAsync(db => JobRows.ReadAsync(db, jobIds));
            var applyDirectly = await directStore.QueryAsync(db => JobRows.ReadAsync(db, jobIds));
            if (onBus.DifferenceFrom(applyDirectly) is { } difference)
                Assert.Fail($"Sequence {sequence} (seed {Seed}) left different rows through the saga (first) and directly (second): {difference}\n"
                    + $"Inputs:\n  {string.Join("\n  ", applied)}");
        }

        Assert.Equal(DirectPath.JobsAddress, saga.JobsAddressSeen());
        var events = await sagaStore.QueryAsync(db => db.Audit.GroupBy(a => a.Event).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        output.WriteLine($"{Sequences} sequences, {inputs} inputs, the same rows on both paths; audit entries: "
            + string.Join(", ", events.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Count}")));
    }
}
