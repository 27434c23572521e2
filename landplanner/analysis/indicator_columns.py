"""The canonical columns of an enterprise indicator table, their labels, and the messages of
reading and joining indicator tables."""

from __future__ import annotations

from landplanner import messages

INDICATOR_COLUMNS = (
    "year", "uscc", "name", "size", "group", "land_mu", "tax", "sales", "value_added", "energy",
    "emissions", "employees", "rd", "revenue", "electricity", "veto_safety", "veto_env",
    "renting", "industry", "production_start", "source_row",
)

messages.register({
    "ind_file_missing": ("找不到指标表：{path}", "Indicator table not found: {path}"),
    "ind_convert_format": (
        "{path} 是 {kind} 文件，无法直接读取；请在 Excel、WPS 或 LibreOffice 中另存为 .xlsx 后再导入",
        "{path} is a {kind} file, which cannot be read directly; save it as .xlsx in Excel, WPS "
        "or LibreOffice and import that"),
    "ind_encrypted": (
        "指标表 {path} 已加密（设有打开密码），无法读取；请在 Excel 中取消密码后另存为 .xlsx",
        "The indicator table {path} is encrypted (it has an open password); remove the password "
        "in Excel and save it as .xlsx"),
    "ind_bad_number": (
        "第 {row} 行企业“{firm}”的“{header}”列的值 {value} 不是有效数字（无穷大或大得不可能）",
        "Row {row}, enterprise “{firm}”, column “{header}”: {value} is not a usable number "
        "(infinite or impossibly large)"),
    "ind_land_negative": (
        "第 {row} 行企业“{firm}”的“{header}”为负数（{value}）；请更正后再导入",
        "Row {row}, enterprise “{firm}”: “{header}” is negative ({value}); correct it and import "
        "again"),
    "ind_land_zero": (
        "第 {row} 行企业“{firm}”的“{header}”为 0，按未填处理（改用其地块面积；都没有则该企业不参与按亩评价）",
        "Row {row}, enterprise “{firm}”: “{header}” is 0 and is taken as not given (its parcels' "
        "area is used; without parcels the firm is not scored per mu)"),
    "ind_all_zero": (
        "指标表 {path} 的指标列（{columns}）全部为 0 或空，无法评价；请检查是否导出了空模板",
        "Every indicator column of {path} ({columns}) is 0 or empty, so nothing can be scored; "
        "check the export is not an empty template"),
    "ind_duplicate_noyear": (
        "统一社会信用代码 {uscc} 出现多次（第 {rows} 行），只用第一行",
        "USCC {uscc} appears more than once (rows {rows}); the first is used"),
    "ind_bad_format": ("指标表须为 .xlsx 或 .csv：{path}",
                       "The indicator table must be .xlsx or .csv: {path}"),
    "ind_unreadable": ("无法读取指标表 {path}：{error}", "Cannot read the indicator table {path}: {error}"),
    "ind_csv_field": ("{path} 中有一个超过 128 KB 的单元格（多半是引号没有配对），无法读取",
                      "{path} holds a cell over 128 KB (most likely an unpaired quote); it cannot "
                      "be read"),
    "ind_csv_encoding": ("无法识别 {path} 的文字编码：请在 Excel 或 WPS 中另存为 .xlsx 或 UTF-8 编码的 CSV",
                         "The text encoding of {path} is not recognised: save it as .xlsx or as a "
                         "UTF-8 CSV in Excel or WPS"),
    "ind_no_header": (
        "指标表 {path} 中找不到表头行：需要“统一社会信用代码”或“企业名称”列，以及至少一个指标列",
        "No header row found in {path}: it needs a 统一社会信用代码 (USCC) or 企业名称 (name) "
        "column and at least one indicator column"),
    "ind_empty": ("指标表 {path} 在表头（第 {row} 行）之下没有数据行",
                  "The indicator table {path} has no data rows below its header (row {row})"),
    "ind_encoding": ("{path} 按 {encoding} 编码读取", "{path} read as {encoding}"),
    "ind_header_row": ("表头在第 {row} 行（上方 {skipped} 行标题已跳过）",
                       "Header found on row {row} ({skipped} title rows skipped)"),
    "ind_column": ("列“{header}”识别为 {field}", "Column “{header}” recognised as {field}"),
    "ind_duplicate_column": ("列“{header}”与“{other}”都像 {field}，使用“{other}”",
                             "Columns “{header}” and “{other}” both look like {field}; using “{other}”"),
    "ind_unit_converted": ("列“{header}”单位为 {unit}，已换算为 {canonical}（×{factor:g}）",
                           "Column “{header}” is in {unit}; converted to {canonical} (×{factor:g})"),
    "ind_unit_assumed": ("列“{header}”未注明单位，按 {canonical} 处理",
                         "Column “{header}” gives no unit; taken as {canonical}"),
    "ind_unit_unknown": ("列“{header}”的单位“{unit}”无法识别（应为 {canonical}）",
                         "Column “{header}”: unit “{unit}” not understood (expected {canonical})"),
    "ind_not_number": ("第 {row} 行“{header}”列的值“{value}”不是数字",
                       "Row {row}, column “{header}”: “{value}” is not a number"),
    "ind_not_flag": ("第 {row} 行“{header}”列的值“{value}”应为 是/否",
                     "Row {row}, column “{header}”: “{value}” should be 是/否 (yes/no)"),
    "ind_bad_size": ("第 {row} 行“{header}”列的值“{value}”应为 规上/规下",
                     "Row {row}, column “{header}”: “{value}” should be 规上/规下 (above/below)"),
    "ind_no_size": ("指标表没有“企业规模”（规上/规下）列", "The indicator table has no size (规上/规下) column"),
    "ind_no_id": ("第 {row} 行既无统一社会信用代码也无企业名称，已跳过",
                  "Row {row} has neither a USCC nor a name; skipped"),
    "ind_no_year": ("指标表没有年度列，文件名和标题中也找不到年份；请指定年度",
                    "The indicator table has no year column and no year in its name or title; "
                    "give the year"),
    "ind_year_from": ("年度取自{where}：{year}", "Year taken from the {where}: {year}"),
    "ind_bad_uscc": ("第 {row} 行统一社会信用代码“{uscc}”校验位不正确（GB 32100-2015），改按企业名称匹配",
                     "Row {row}: USCC “{uscc}” fails the GB 32100-2015 check; matched by name instead"),
    "ind_bad_parcel_uscc": ("地块 {parcel} 的统一社会信用代码“{uscc}”校验位不正确",
                            "Parcel {parcel}: USCC “{uscc}” fails the GB 32100-2015 check"),
    "ind_duplicate": ("{year} 年统一社会信用代码 {uscc} 出现多次（第 {rows} 行），只用第一行",
                      "Year {year}: USCC {uscc} appears more than once (rows {rows}); the first is used"),
    "ind_year_absent": ("指标表中没有 {year} 年的数据（现有：{years}）",
                        "No indicator rows for {year} (years present: {years})"),
    "ind_year_replaced": ("{year} 年的 {rows} 行指标数据已被新表替换",
                          "The {rows} indicator rows of {year} were replaced by the new table"),
    "ind_unmatched_row": ("第 {row} 行企业“{name}”（{uscc}）没有对应地块，用地取表中面积",
                          "Row {row}: enterprise “{name}” ({uscc}) has no parcels; the table's land "
                          "area is used"),
    "ind_no_land": ("第 {row} 行企业“{name}”既无地块也无用地面积",
                    "Row {row}: enterprise “{name}” has neither parcels nor a land area"),
    "ind_unmatched_parcels": ("企业“{name}”（{uscc}）的 {count} 个地块在指标表中没有对应行",
                              "Enterprise “{name}” ({uscc}): {count} parcel(s) with no row in the "
                              "indicator table"),
    "ind_ambiguous_name": ("企业名称“{name}”在指标表中出现多次，不按名称匹配",
                           "Enterprise name “{name}” appears more than once in the table; not "
                           "matched by name"),
    "ind_declared_used": ("{count} 个地块面积未知，改用登记面积", "{count} parcel(s) have no computed "
                          "area; their declared area is used"),
})

_FIELD_LABELS = {
    "year": "年度 year", "uscc": "统一社会信用代码 USCC", "name": "企业名称 name",
    "size": "企业规模 size", "group": "评价组别 group", "land_mu": "用地面积 land (mu)",
    "tax": "税收 tax (万元)", "sales": "应税销售 sales (万元)", "value_added": "工业增加值 value added (万元)",
    "energy": "综合能耗 energy (吨标煤)", "emissions": "主要污染物排放量 emissions (吨)",
    "employees": "年平均职工人数 employees", "rd": "研发经费 R&D (万元)",
    "revenue": "主营业务收入 revenue (万元)", "electricity": "用电量 electricity (万千瓦时)",
    "veto_safety": "安全事故 safety accident", "veto_env": "环境违法 environmental violation",
    "renting": "租赁 renting", "industry": "行业 industry", "production_start": "投产年份 production start",
}



def field_label(column: str) -> str:
    """A canonical column with the headers it is recognised from (``应税销售 sales (万元)``)."""
    return _FIELD_LABELS.get(column, column)
