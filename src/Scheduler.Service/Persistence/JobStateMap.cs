using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Service.Lifecycle;
using Scheduler.Service.Persistence.Migrations;

namespace Scheduler.Service.Persistence;

internal sealed class JobStateMap(string? jsonColumnType) : IEntityTypeConfiguration<JobState>
{
    public void Configure(EntityTypeBuilder<JobState> builder)
    {
        builder.ToTable("jobs");
        builder.HasKey(x => x.CorrelationId);

        builder.Property(x => x.CorrelationId).HasColumnName("id").ValueGeneratedNever();
        builder.Property(x => x.CurrentState).HasColumnName("current_state");
        builder.Property(x => x.TenantId).HasColumnName("tenant_id").HasMaxLength(64).IsRequired();
        builder.Property(x => x.Name).HasColumnName("name").HasMaxLength(200).IsRequired();
        builder.Property(x => x.Handler).HasColumnName("handler").HasMaxLength(64).IsRequired();
        builder.Property(x => x.Payload).HasColumnName("payload").HasJsonConversion(jsonColumnType);
        builder.Property(x => x.Schedule).HasColumnName("schedule").HasJsonConversion(jsonColumnType);
        builder.Property(x => x.Priority).HasColumnName("priority").HasConversion<string>().HasMaxLength(16);
        builder.Property(x => x.Retry).HasColumnName("retry").HasJsonConversion(jsonColumnType);
        builder.Property(x => x.Timeout).HasColumnName("timeout");
        builder.Property(x => x.AlertAfter).HasColumnName("alert_after");
        builder.Property(x => x.Concurrency).HasColumnName("concurrency").HasJsonConversion(jsonColumnType);
        builder.Property(x => x.Misfire).HasColumnName("misfire").HasJsonConversion(jsonColumnType);
        builder.Property(x => x.IdempotencyKey).HasColumnName("idempotency_key").HasMaxLength(200);
        builder.Property(x => x.OnSuccess).HasColumnName("on_success").HasJsonConversion(jsonColumnType);
        builder.Property(x => x.OnFailure).HasColumnName("on_failure").HasJsonConversion(jsonColumnType);
        builder.Property(x => x.ParentJobId).HasColumnName("parent_job_id");
        builder.Property(x => x.ParentRunId).HasColumnName("parent_run_id");
        builder.Property(x => x.Key).HasColumnName("job_key").HasMaxLength(200);
        builder.Property(x => x.Metadata).HasColumnName("metadata").HasJsonConversion(jsonColumnType);
        builder.Property(x => x.CreatedAt).HasColumnName("created_at");
        builder.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        builder.Property(x => x.LastRunAt).HasColumnName("last_run_at");
        builder.Property(x => x.NextRunAt).HasColumnName("next_run_at");
        builder.Property(x => x.RunCount).HasColumnName("run_count");
        builder.Property(x => x.FailureCount).HasColumnName("failure_count");
        builder.Property(x => x.CurrentRunId).HasColumnName("current_run_id");
        builder.Property(x => x.DueTokenId).HasColumnName("due_token_id");
        builder.Property(x => x.ArmedRunId).HasColumnName("armed_run_id");
        builder.Property(x => x.LastOccurrenceAt).HasColumnName("last_occurrence_at");
        builder.Property(x => x.ActiveRuns).HasColumnName("active_runs");
        builder.Property(x => x.QueuedOccurrences).HasColumnName("queued_occurrences").HasJsonConversion(jsonColumnType);
        builder.Property(x => x.DeletedAt).HasColumnName("deleted_at");
        builder.Property(x => x.PausedUntil).HasColumnName("paused_until");
        builder.Property(x => x.PauseReason).HasColumnName("pause_reason").HasMaxLength(JobState.MaxPauseReasonLength);
        builder.Property(x => x.PauseTokenId).HasColumnName("pause_token_id");
        builder.Property(x => x.LastRunStatus).HasColumnName("last_run_status").HasConversion<string>().HasMaxLength(16);

        builder.HasIndex(x => new { x.TenantId, x.IdempotencyKey }).IsUnique().HasDatabaseName("ix_jobs_tenant_idempotency_key")
            .HasFilter("idempotency_key IS NOT NULL");
        builder.HasIndex(x => new { x.TenantId, x.Key }).IsUnique().HasDatabaseName(JobKeys.IndexName).HasFilter(JobKeys.IndexFilter);
        builder.HasIndex(x => new { x.TenantId, x.ParentJobId }).HasDatabaseName("ix_jobs_tenant_parent").HasFilter("parent_job_id IS NOT NULL");
        builder.HasIndex(x => new { x.TenantId, x.CurrentState }).HasDatabaseName("ix_jobs_tenant_state");
    }
}
