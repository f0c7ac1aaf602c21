using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Service.History;

namespace Scheduler.Service.Persistence;

internal sealed class JobRunMap(string? jsonColumnType) : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> builder)
    {
        builder.ToTable("job_runs");
        builder.HasKey(x => x.Id);
        builder.Ignore(x => x.IsFinished);

        builder.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(x => x.JobId).HasColumnName("job_id");
        builder.Property(x => x.TenantId).HasColumnName("tenant_id").HasMaxLength(64).IsRequired();
        builder.Property(x => x.Attempt).HasColumnName("attempt");
        builder.Property(x => x.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.ScheduledFor).HasColumnName("scheduled_for");
        builder.Property(x => x.CreatedAt).HasColumnName("created_at");
        builder.Property(x => x.StartedAt).HasColumnName("started_at");
        builder.Property(x => x.CompletedAt).HasColumnName("completed_at");
        builder.Property(x => x.DurationMs).HasColumnName("duration_ms");
        builder.Property(x => x.ErrorCategory).HasColumnName("error_category").HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.ErrorMessage).HasColumnName("error_message");
        builder.Property(x => x.Result).HasColumnName("result").HasJsonConversion(jsonColumnType);
        builder.Property(x => x.Host).HasColumnName("host").HasMaxLength(200);
        builder.Property(x => x.DueAt).HasColumnName("due_at");
        builder.Property(x => x.SentAt).HasColumnName("sent_at");
        builder.Property(x => x.ReplayOf).HasColumnName("replay_of");
        builder.Property(x => x.ReplayedBy).HasColumnName("replayed_by");
        builder.Property(x => x.Progress).HasColumnName("progress");
        builder.Property(x => x.ProgressMessage).HasColumnName("progress_message").HasMaxLength(1000);
        builder.Property(x => x.ProgressAt).HasColumnName("progress_at");

        builder.HasIndex(x => new { x.JobId, x.CreatedAt }).HasDatabaseName("ix_job_runs_job_created");
        builder.HasIndex(x => new { x.Status, x.CompletedAt }).HasDatabaseName("ix_job_runs_status_completed");
        builder.HasIndex(x => new { x.TenantId, x.CreatedAt }).HasDatabaseName("ix_job_runs_tenant_created");
    }
}
