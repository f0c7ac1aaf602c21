using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Scheduler.Bench.Chaos.Cases;
using Scheduler.Bench.Chaos.Faults;
using Scheduler.Bench.Chaos.Instances;
using Scheduler.Bench.Chaos.Trials;
using Scheduler.Bench.Deployment;
using Scheduler.Bench.Workloads;

namespace Scheduler.Bench.Chaos;

/// <summary>
/// <c>Scheduler.Bench chaos [case ...] [--name=value ...]</c>: the cases of issue 13, each <c>--repetitions</c> times
/// (default 5) on a fresh deployment, against the broker node and database cluster named by <c>--rabbitmqNode</c> and
/// <c>--postgresCluster</c>, which it stops and starts. <c>./chaos.sh</c> creates those two and runs this.
/// </summary>
public static class ChaosSuite
{
    static IReadOnlyList<IChaosCase> Cases() =>
    [
        new LoadUnderFaultCase("1", "RabbitMQ restarted while 5,000 jobs are in flight", new FaultPlan(),
            (environment, arguments) => new OwnedServiceRestart(environment.Broker, arguments.Seconds("down", 5))),
        new LoadUnderFaultCase("2", "PostgreSQL restarted while 5,000 jobs are in flight", new FaultPlan(),
            (environment, arguments) => new OwnedServiceRestart(environment.Database, arguments.Seconds("down", 5))),
        new LoadUnderFaultCase("3", "the service killed with -9 while 10,000 jobs fall due within 10 s; started again",
            new FaultPlan { Jobs = 10_000, Lead = TimeSpan.FromSeconds(25) }, (_, _) => new ProcessFault(FaultedProcess.Service)),
        new LoadUnderFaultCase("4", "two service instances, one killed with -9 under load (5,000 one-shots, 100 jobs every second for 20 s)",
            new FaultPlan { Recurring = 100, RecurringMissesAreLost = true }, (_, _) => new ProcessFault(FaultedProcess.SecondService)),
        // W5's trial, with the lead of the other cases: on a busy machine 8 s may not admit 5,000 jobs before they are due.
        new LoadUnderFaultCase("5", "the consumer host killed with -9 at due + 0.5 s, 5,000 jobs due at once (W5); started again",
            new FaultPlan { Spread = TimeSpan.Zero, FaultAfter = TimeSpan.FromSeconds(0.5) },
            (_, _) => new ProcessFault(FaultedProcess.Consumer)),
        new LoadUnderFaultCase("6a", "SIGTERM to the service while 5,000 jobs are in flight; started again", new FaultPlan(),
            (_, arguments) => new ProcessFault(FaultedProcess.Service, arguments.Seconds("serviceDrain", 10))),
        new LoadUnderFaultCase("6b", "SIGTERM to the consumer host while 5,000 jobs are in flight; started again", new FaultPlan(),
            (_, arguments) => new ProcessFault(FaultedProcess.Consumer, arguments.Seconds("consumerDrain", 20))),
        new ApiBurstCase(),
    ];

    public static async Task<int> RunAsync(CommandLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var cases = Cases();
        var named = line.Names;
        var options = line.Options;
        var repository = line.Repository;
        // "6" names both of its processes.
        var selected = named.Count == 0 || named.Contains("all")
            ? cases
            : cases.Where(c => named.Contains(c.Name) || named.Contains(c.Name.TrimEnd('a', 'b'))).ToList();
        if (selected.Count == 0)
        {
            await Console.Error.WriteLineAsync($"Unknown case. Choose from: all {string.Join(' ', cases.Select(c => c.Name))}");
            return 2;
        }

        var settings = BenchSettings.FromEnvironment(repository);
        var node = options.GetValueOrDefault("rabbitmqNode", "chaos@localhost");
        var cluster = options.GetValueOrDefault("postgresCluster", "15/chaos").Split('/', 2);
        if (node.StartsWith("rabbit@", StringComparison.Ordinal) || cluster is not [_, var clusterName] || clusterName == "main"
            || new Uri(settings.RabbitMq).Port is 5672 or -1 || new NpgsqlConnectionStringBuilder(settings.Postgres).Port == 5432)
        {
            await Console.Error.WriteLineAsync(
                "The chaos suite stops and starts its broker and database: give it its own (./chaos.sh does), never the shared node on 5672 or cluster on 5432.");
            return 2;
        }

        var environment = new ChaosEnvironment(settings, new RabbitMqNode(node, new Uri(settings.RabbitMq)),
            new PostgresCluster(cluster[0], cluster[1], settings.Postgres));
        var repetitions = int.Parse(options.GetValueOrDefault("repetitions", "5"), CultureInfo.InvariantCulture);
        var targets = new ChaosTargets(TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("recoveryTarget", "30"), CultureInfo.InvariantCulture)));
        var outcomes = new List<ChaosOutcome>();
        foreach (var chaosCase in selected)
        {
            for (var repetition = 1; repetition <= repetitions; repetition++)
            {
                Console.WriteLine($"case {chaosCase.Name} ({repetition} of {repetitions}): {chaosCase.Description}");
                var arguments = new WorkloadArguments(options);
                var clock = Stopwatch.StartNew();
                TrialResult result;
                try
                {
                    result = await chaosCase.RunAsync(environment, arguments);
                }
                catch (Exception exception) when (exception is InvalidOperationException or TimeoutException or HttpRequestException
                                                      or NpgsqlException or IOException or RabbitMQ.Client.Exceptions.RabbitMQClientException)
                {
                    // The deployment did not start, or its figures could not be read: a failed trial, not the end of the suite.
                    await Console.Error.WriteLineAsync(exception.ToString());
                    result = new TrialResult(new Dictionary<string, double>(), [$"{exception.GetType().Name}: {exception.Message.Split('\n', 2)[0]}"]);
                }

                var outcome = new ChaosOutcome(chaosCase.Name, chaosCase.Description, repetition, clock.Elapsed.TotalSeconds, arguments.Used,
                    result.Figures, [.. result.Problems, .. targets.Missed(result.Figures)]);
                ChaosReport.Print(outcome);
                outcomes.Add(outcome);
            }
        }

        await ChaosReport.WriteAsync(outcomes, await BenchVersions.CollectAsync(settings), Path.Combine(repository, "bench", "results"));
        return outcomes.All(o => o.Passed) ? 0 : 1;
    }
}
