using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.UnitTests.Service.History;

public sealed class GlobalAuditTests
{
    static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_entry_of_the_service_has_no_job_and_its_event_by_wire_name()
    {
        var entry = GlobalAudit.Entry("default", At, AuditEvent.SchedulerPaused, "key:ops:0191f2a4-7c1e-7b3a-9d2e-5f6a7b8c9d0e", "running", "paused", "stopped");

        Assert.Equal(GlobalAudit.NoJob, entry.JobId);
        Assert.Equal("schedulerPaused", entry.Event);
        Assert.Equal(("running", "paused"), (entry.FromStatus, entry.ToStatus));
        Assert.Equal("default", entry.TenantId);
        Assert.Null(entry.RunId);
    }

    [Fact]
    public void An_actor_longer_than_the_column_is_cut_to_fit()
    {
        var entry = GlobalAudit.Entry("default", At, AuditEvent.KeyCreated, "bus:" + new string('q', 300), null, "active", "created");

        Assert.Equal(GlobalAudit.MaxActorLength, entry.Actor.Length);
        Assert.StartsWith("bus:qqq", entry.Actor, StringComparison.Ordinal);
    }
}
