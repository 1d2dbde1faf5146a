using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CleanBot.Infrastructure.Persistence.Sqlite;

/// <summary>
/// A mapped property, its parameter in one of the bot's own prepared statements, and the conversion EF applies to its
/// value: what lets such a statement store a value exactly as <c>SaveChanges</c> stores it.
/// </summary>
internal sealed class MappedColumn
{
    private readonly IProperty _property;
    private readonly IClrPropertyGetter _getter;
    private readonly RelationalTypeMapping _mapping;

    public MappedColumn(IProperty property, SqliteCommand command)
    {
        ArgumentNullException.ThrowIfNull(property);
        ArgumentNullException.ThrowIfNull(command);
        if (property.IsShadowProperty())
        {
            throw new NotSupportedException($"{property.DeclaringType.DisplayName()}.{property.Name} has no CLR property to write.");
        }

        _property = property;
        _getter = property.GetGetter();
        _mapping = property.GetRelationalTypeMapping();
        Parameter = _mapping.CreateParameter(command, $"${property.Name}", value: null, property.IsNullable);
        command.Parameters.Add(Parameter);
    }

    public DbParameter Parameter { get; }

    /// <summary>The delimited name of an entity's table.</summary>
    public static string Table(ISqlGenerationHelper sql, IEntityType entity)
    {
        ArgumentNullException.ThrowIfNull(sql);
        ArgumentNullException.ThrowIfNull(entity);
        return sql.DelimitIdentifier(entity.GetTableName() ?? throw new InvalidOperationException($"{entity.DisplayName()} has no table."));
    }

    /// <summary>
    /// <c>INSERT INTO</c> an entity's table with these columns, each given its parameter; the caller ends the statement.
    /// </summary>
    public static string Insert(ISqlGenerationHelper sql, IEntityType entity, IReadOnlyList<MappedColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        return $"INSERT INTO {Table(sql, entity)} ({string.Join(", ", columns.Select(column => column.Name(sql)))}) " +
            $"VALUES ({string.Join(", ", columns.Select(column => column.Parameter.ParameterName))})";
    }

    public string Name(ISqlGenerationHelper sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return sql.DelimitIdentifier(_property.GetColumnName());
    }

    public string Assignment(ISqlGenerationHelper sql) => $"{Name(sql)} = {Parameter.ParameterName}";

    public void BindFrom(object entity) => Bind(_getter.GetClrValue(entity));

    public void Bind(object? value)
    {
        var stored = value is null || _mapping.Converter is not { } converter ? value : converter.ConvertToProvider(value);
        Parameter.Value = stored ?? DBNull.Value;
    }
}
