using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Scheduler.Service.Scheduling.Delivery;

namespace Scheduler.Service.Persistence;

internal sealed class DueMessageMap(string? jsonColumnType) : IEntityTypeConfiguration<DueMessage>
{
    public void Configure(EntityTypeBuilder<DueMessage> builder)
    {
        builder.ToTable("due_messages");
        builder.HasKey(x => x.Id);
        builder.Ignore(x => x.IsRecurring);

        builder.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(x => x.ScheduleId).HasColumnName("schedule_id").HasMaxLength(200);
        builder.Property(x => x.ScheduleGroup).HasColumnName("schedule_group").HasMaxLength(200);
        builder.Property(x => x.DueAt).HasColumnName("due_at");
        builder.Property(x => x.OccurrenceAt).HasColumnName("occurrence_at");
        builder.Property(x => x.Destination).HasColumnName("destination").IsRequired();
        builder.Property(x => x.MessageType).HasColumnName("message_type").IsRequired();
        builder.Property(x => x.ContentType).HasColumnName("content_type").HasMaxLength(200).IsRequired();
        builder.Property(x => x.Body).HasColumnName("body").IsRequired();
        var headers = builder.Property(x => x.Headers).HasColumnName("headers");
        if (jsonColumnType is not null)
            headers.HasColumnType(jsonColumnType);
        builder.Property(x => x.Expression).HasColumnName("expression").HasMaxLength(1000);
        builder.Property(x => x.TimeZoneId).HasColumnName("time_zone").HasMaxLength(100);
        builder.Property(x => x.StartAt).HasColumnName("start_at");
        builder.Property(x => x.EndAt).HasColumnName("end_at");
        builder.Property(x => x.Jitter).HasColumnName("jitter");
        builder.Property(x => x.SkipMissed).HasColumnName("skip_missed");
        builder.Property(x => x.Paused).HasColumnName("paused");
        builder.Property(x => x.CreatedAt).HasColumnName("created_at");
        builder.Property(x => x.LastSentAt).HasColumnName("last_sent_at");
        builder.Property(x => x.SentCount).HasColumnName("sent_count");

        builder.HasIndex(x => x.DueAt).HasDatabaseName("ix_due_messages_due").HasFilter("NOT paused");
        builder.HasIndex(x => new { x.ScheduleGroup, x.ScheduleId }).IsUnique().HasDatabaseName("ix_due_messages_schedule")
            .HasFilter("schedule_id IS NOT NULL");
    }
}
