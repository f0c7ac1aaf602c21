using Microsoft.EntityFrameworkCore;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Persistence;

/// <summary>The scheduler's database: jobs (the saga instances), their runs and audit trail, and the message scheduler's due table.</summary>
public sealed class SchedulerDbContext(DbContextOptions<SchedulerDbContext> options) : DbContext(options)
{
    public DbSet<JobState> Jobs => Set<JobState>();
    public DbSet<JobRun> Runs => Set<JobRun>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<DueMessage> DueMessages => Set<DueMessage>();
    public DbSet<SchedulerSwitch> SchedulerSwitch => Set<SchedulerSwitch>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var jsonColumnType = Database.IsNpgsql() ? "jsonb" : null;
        modelBuilder.ApplyConfiguration(new JobStateMap(jsonColumnType));
        modelBuilder.ApplyConfiguration(new JobRunMap(jsonColumnType));
        modelBuilder.ApplyConfiguration(new AuditEntryMap());
        modelBuilder.ApplyConfiguration(new DueMessageMap(jsonColumnType));
        modelBuilder.ApplyConfiguration(new SchedulerSwitchMap());
    }
}
