using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CleanBot.Infrastructure.Persistence.Sqlite;

/// <summary>
/// A mapped property, its parameter in one of the bot's own prepared statements, and the conversion EF applies to its
/// value: what lets such a statement store a value exactly as <c>SaveChanges</c> stores it. The statement is prepared
/// from the columns' names, then each column is attached to it (<see cref="AttachTo"/>) before it binds a value.
/// </summary>
internal sealed class MappedColumn
{
    private readonly IProperty _property;
    private readonly IClrPropertyGetter _getter;
    private readonly ValueConverter? _converter;
    private SqliteStatement? _statement;
    private int _index;

    public MappedColumn(IProperty property)
    {
        ArgumentNullException.ThrowIfNull(property);
        if (property.IsShadowProperty())
        {
            throw new NotSupportedException($"{property.DeclaringType.DisplayName()}.{property.Name} has no CLR property to write.");
        }

        _property = property;
        _getter = property.GetGetter();
        _converter = property.GetRelationalTypeMapping().Converter;
    }

    public string ParameterName => $"${_property.Name}";

    /// <summary>The mapping of an entity the bot's own statements write; the model always has it.</summary>
    public static IEntityType Entity<TEntity>(BotDbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not mapped.");
    }

    /// <summary>The column of one of an entity's mapped properties; the model always has those the bot writes.</summary>
    public static MappedColumn Of(IEntityType entity, string propertyName)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new MappedColumn(
            entity.FindProperty(propertyName) ?? throw new InvalidOperationException($"{entity.DisplayName()}.{propertyName} is not mapped."));
    }

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
            $"VALUES ({string.Join(", ", columns.Select(column => column.ParameterName))})";
    }

    public string Name(ISqlGenerationHelper sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        return sql.DelimitIdentifier(_property.GetColumnName());
    }

    public string Assignment(ISqlGenerationHelper sql) => $"{Name(sql)} = {ParameterName}";

    /// <summary>Binds this column's values to its parameter in the statement prepared from it.</summary>
    public void AttachTo(SqliteStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        _index = statement.ParameterIndex(ParameterName);
        _statement = statement;
    }

    public void BindFrom(object entity) => Bind(_getter.GetClrValue(entity));

    public void Bind(object? value)
    {
        var statement = _statement ?? throw new InvalidOperationException($"{ParameterName} is not attached to a statement.");
        statement.Bind(_index, value is null || _converter is null ? value : _converter.ConvertToProvider(value));
    }
}
