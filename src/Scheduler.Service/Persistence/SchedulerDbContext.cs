using Microsoft.EntityFrameworkCore;
using Scheduler.Service.History;
using Scheduler.Service.Lifecycle;

namespace Scheduler.Service.Persistence;

/// <summary>The scheduler's database: jobs (the saga instances), their runs and their audit trail.</summary>
public sealed class SchedulerDbContext(DbContextOptions<SchedulerDbContext> options) : DbContext(options)
{
    public DbSet<JobState> Jobs => Set<JobState>();
    public DbSet<JobRun> Runs => Set<JobRun>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var jsonColumnType = Database.IsNpgsql() ? "jsonb" : null;
        modelBuilder.ApplyConfiguration(new JobStateMap(jsonColumnType));
        modelBuilder.ApplyConfiguration(new JobRunMap(jsonColumnType));
        modelBuilder.ApplyConfiguration(new AuditEntryMap());
    }
}
