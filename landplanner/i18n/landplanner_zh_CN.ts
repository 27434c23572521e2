<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppController</name>
    <message>
        <location filename="../ui/app_controller.py" line="66"/>
        <source>an unsaved project</source>
        <translation>未保存的项目</translation>
    </message>
    <message>
        <location filename="../ui/app_controller.py" line="68"/>
        <source>Restore unsaved work?</source>
        <translation>恢复未保存的工作？</translation>
    </message>
    <message>
        <location filename="../ui/app_controller.py" line="69"/>
        <source>landplanner did not close normally last time. Restore the autosaved copy of {0}?</source>
        <translation>landplanner 上次未正常关闭。是否恢复 {0} 的自动保存副本？</translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <location filename="../ui/table_dock.py" line="46"/>
        <source>Search parcel id, enterprise, credit code, park…</source>
        <translation>搜索地块编号、企业、信用代码、园区…</translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="55"/>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="57"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="61"/>
        <source>Add filter</source>
        <translation>添加筛选条件</translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="65"/>
        <source>Clear all filters</source>
        <translation>清除全部筛选</translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="88"/>
        <source>Copy selected rows</source>
        <translation>复制选中行</translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="91"/>
        <source>Copy the selected rows as tab-separated text, ready to paste into Excel</source>
        <translation>以制表符分隔复制选中行，可直接粘贴到 Excel</translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="157"/>
        <source>Filters: </source>
        <translation>筛选：</translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="157"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="164"/>
        <source>Showing {0} / {1} parcels</source>
        <translation>显示 {0} / {1} 个地块</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../ui/conflict_dialog.py" line="36"/>
        <source>Someone else changed the same values</source>
        <translation>他人修改了相同的内容</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="39"/>
        <source>While you were editing, other users saved changes to the same fields. Nothing has been saved yet. For each field, choose whose value to keep.</source>
        <translation>在您编辑期间，其他用户保存了对相同字段的修改。您的修改尚未保存。请逐项选择保留哪一方的值。</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="45"/>
        <source>What happened</source>
        <translation>修改情况</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="45"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="59"/>
        <source>My value</source>
        <translation>我的值</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="60"/>
        <source>Their value</source>
        <translation>对方的值</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="66"/>
        <source>Keep all mine</source>
        <translation>全部保留我的</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="68"/>
        <source>Take all theirs</source>
        <translation>全部采用对方的</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="70"/>
        <source>Merge as chosen</source>
        <translation>按所选合并</translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <location filename="../ui/database_dialog.py" line="34"/>
        <source>Open a project from a database</source>
        <translation>从数据库打开项目</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="38"/>
        <source>optional: a pg_service.conf entry</source>
        <translation>可选：pg_service.conf 中的服务名</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="47"/>
        <source>used for this session only, never saved</source>
        <translation>仅本次使用，不会保存</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="51"/>
        <source>List projects</source>
        <translation>列出项目</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="53"/>
        <source>Service:</source>
        <translation>服务：</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="54"/>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="55"/>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="56"/>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="57"/>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="58"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="59"/>
        <source>Project (schema):</source>
        <translation>项目（模式）：</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="63"/>
        <source>The password is not stored. To connect without typing it, put it in ~/.pgpass (%APPDATA%\postgresql\pgpass.conf on Windows) or a pg_service.conf entry.</source>
        <translation>密码不会被保存。如不想每次输入，请写在 ~/.pgpass（Windows 为 %APPDATA%\postgresql\pgpass.conf）或 pg_service.conf 中。</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="126"/>
        <source>{0} projects found</source>
        <translation>找到 {0} 个项目</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../ui/details_panel.py" line="34"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="34"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="93"/>
        <source>Select a parcel on the map or in the table.</source>
        <translation>请在地图或属性表中选择地块。</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="98"/>
        <source>Parcel</source>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="114"/>
        <source>Per-mu scoring</source>
        <translation>亩均评价</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="115"/>
        <source>Score</source>
        <translation>亩均得分</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="119"/>
        <source>Rank in group</source>
        <translation>组内排名</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="120"/>
        <source>Class</source>
        <translation>亩均等级</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="122"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="130"/>
        <source>Points: {0}</source>
        <translation>得分：{0}</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="135"/>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="137"/>
        <location filename="../ui/details_panel.py" line="144"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="143"/>
        <source>Plan ID</source>
        <translation>方案编号</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="144"/>
        <source> (overdue)</source>
        <translation>（已逾期）</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="146"/>
        <source>Method</source>
        <translation>处置方式</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="147"/>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="148"/>
        <source>Responsible person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="150"/>
        <source>Target date</source>
        <translation>完成时限</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../ui/error_log.py" line="51"/>
        <source>Not enough memory to finish this operation.</source>
        <translation>内存不足，无法完成此操作。</translation>
    </message>
    <message>
        <location filename="../ui/error_log.py" line="53"/>
        <source>No permission to access the file: {0}</source>
        <translation>没有权限访问该文件：{0}</translation>
    </message>
    <message>
        <location filename="../ui/error_log.py" line="55"/>
        <source>File not found: {0}</source>
        <translation>找不到文件：{0}</translation>
    </message>
    <message>
        <location filename="../ui/error_log.py" line="56"/>
        <source>An unexpected error occurred: {0}</source>
        <translation>发生了意外错误：{0}</translation>
    </message>
    <message>
        <location filename="../ui/error_log.py" line="80"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../ui/error_log.py" line="96"/>
        <source>The details were written to the log file: {0}</source>
        <translation>详细信息已记录到日志文件：{0}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../ui/import_dialog.py" line="39"/>
        <source>Import parcels</source>
        <translation>导入地块</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="51"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="52"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="60"/>
        <source>Load report</source>
        <translation>读取报告</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="62"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="64"/>
        <source>Layer:</source>
        <translation>图层：</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="65"/>
        <source>Features:</source>
        <translation>要素数：</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="66"/>
        <source>Geometry type:</source>
        <translation>几何类型：</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="68"/>
        <source>Unknown coordinate system</source>
        <translation>未知坐标系</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="75"/>
        <source>Coordinate system:</source>
        <translation>坐标系：</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="77"/>
        <source>Suggestion:</source>
        <translation>建议：</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="86"/>
        <source>Reload with this encoding</source>
        <translation>按此编码重新读取</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="87"/>
        <source>If field names or text look garbled, choose another encoding and reload</source>
        <translation>字段或文字显示为乱码时，选择其他编码重新读取</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="95"/>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="100"/>
        <source>from the .cpg file</source>
        <translation>来自 .cpg 文件</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="101"/>
        <source>from the DBF language byte</source>
        <translation>来自 DBF 语言标志</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="102"/>
        <source>detected</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="103"/>
        <source>chosen by the user</source>
        <translation>用户指定</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="107"/>
        <source>Problems found ({0})</source>
        <translation>发现的问题（{0}）</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="111"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="111"/>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="111"/>
        <source>Feature</source>
        <translation>要素</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="114"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="114"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="114"/>
        <source>Info</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="130"/>
        <source>Field mapping (guessed from the field names; change as needed)</source>
        <translation>字段对应（已按字段名自动识别，可修改）</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="135"/>
        <source>App field</source>
        <translation>系统字段</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="135"/>
        <source>Source field</source>
        <translation>源字段</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="135"/>
        <source>Sample value</source>
        <translation>示例值</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="150"/>
        <source>(not mapped)</source>
        <translation>（不对应）</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <location filename="../ui/layers_panel.py" line="53"/>
        <source>Layers</source>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="55"/>
        <source>Thematic style</source>
        <translation>专题样式</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="57"/>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="80"/>
        <source>Parcels ({0:,})</source>
        <translation>地块（{0:,}）</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="83"/>
        <source>Park boundaries ({0})</source>
        <translation>园区边界（{0}）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_window.py" line="98"/>
        <source>Layers and legend</source>
        <translation>图层与图例</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="99"/>
        <source>Park quotas</source>
        <translation>园区指标进度</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="100"/>
        <source>Parcel and enterprise details</source>
        <translation>地块与企业详情</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="101"/>
        <source>Plan (one per enterprise)</source>
        <translation>一企一策方案</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="102"/>
        <source>Per-mu scoring</source>
        <translation>亩均评价</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="103"/>
        <source>Attribute table</source>
        <translation>属性表</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="129"/>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="130"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="131"/>
        <source>Open a project (.gpkg) or a parcel file</source>
        <translation>打开项目（.gpkg）或地块文件</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="132"/>
        <source>Open from database…</source>
        <translation>从数据库打开…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="133"/>
        <source>Open a project shared in a PostGIS database</source>
        <translation>打开保存在 PostGIS 数据库中的共享项目</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="134"/>
        <source>Save project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="135"/>
        <source>Save project as…</source>
        <translation>项目另存为…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="136"/>
        <source>Import parcels…</source>
        <translation>导入地块…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="137"/>
        <source>Import a parcel file (Shapefile, ZIP, GeoPackage…) and confirm the field mapping</source>
        <translation>导入地块文件（Shapefile、ZIP、GeoPackage 等），确认字段对应</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="138"/>
        <source>Import park boundaries…</source>
        <translation>导入园区边界…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="139"/>
        <source>Import enterprise indicators…</source>
        <translation>导入企业指标…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="140"/>
        <source>Import enterprise indicator tables from the tax, statistics, power and environment departments (Excel)</source>
        <translation>导入税务、统计、电力、环保部门的企业指标表（Excel）</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="141"/>
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="142"/>
        <source>Export the land list, enterprise list, plans and park progress</source>
        <translation>导出低效用地清单、企业清单、一企一策和园区进度</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="143"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="144"/>
        <source>Print layouts will come in a later version</source>
        <translation>打印布局将在后续版本提供</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="146"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="147"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="151"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="156"/>
        <source>Copy selected rows</source>
        <translation>复制选中行</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="157"/>
        <source>Copy the selected rows as tab-separated text, ready to paste into Excel</source>
        <translation>以制表符分隔复制选中行，可直接粘贴到 Excel</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="158"/>
        <source>Clear selection</source>
        <translation>取消选择</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="160"/>
        <source>Full extent</source>
        <translation>全图</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="161"/>
        <source>Zoom to all parcels</source>
        <translation>缩放到全部地块</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="162"/>
        <source>Zoom to selection</source>
        <translation>缩放到所选</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="163"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="164"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="167"/>
        <source>Pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="168"/>
        <source>Select (hold Shift to add)</source>
        <translation>选择（按住 Shift 追加）</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="169"/>
        <source>Identify</source>
        <translation>识别</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="170"/>
        <source>Measure distance</source>
        <translation>量测距离</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="171"/>
        <source>Measure area (m², mu)</source>
        <translation>量测面积（平方米、亩）</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="192"/>
        <source>Re-score</source>
        <translation>重新评价</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="193"/>
        <source>Recompute the per-mu scores with the current settings</source>
        <translation>按当前方案重新计算亩均评价</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="194"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="198"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="208"/>
        <source>Recent files</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="215"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="222"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="226"/>
        <source>Thematic style</source>
        <translation>专题样式</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="229"/>
        <source>Language / 语言</source>
        <translation>语言 / Language</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="233"/>
        <source>&amp;Map</source>
        <translation>地图(&amp;M)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="240"/>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="245"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="249"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="418"/>
        <source>X, Y: {0:,.2f}, {1:,.2f}</source>
        <translation>坐标：{0:,.2f}, {1:,.2f}</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="428"/>
        <source>Scale 1:{0:,.0f}</source>
        <translation>比例尺 1:{0:,.0f}</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="431"/>
        <source>{0} parcels selected</source>
        <translation>已选 {0} 个地块</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="439"/>
        <source>Untitled project</source>
        <translation>未命名项目</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="441"/>
        <source>landplanner — land revitalization</source>
        <translation>landplanner 资源资产盘活</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="454"/>
        <source>Open a project or parcel file</source>
        <translation>打开项目或地块文件</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="455"/>
        <source>Projects and parcel files ({0});;All files (*)</source>
        <translation>项目或地块文件 ({0});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="479"/>
        <location filename="../ui/main_window.py" line="488"/>
        <source>Opening the project…</source>
        <translation>正在打开项目…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="481"/>
        <location filename="../ui/main_window.py" line="490"/>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="512"/>
        <source>Project on a network share</source>
        <translation>项目位于网络共享上</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="519"/>
        <source>Import parcels</source>
        <translation>导入地块</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="520"/>
        <source>Parcel files ({0});;All files (*)</source>
        <translation>地块文件 ({0});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="533"/>
        <source>Cannot read the file</source>
        <translation>无法读取文件</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="540"/>
        <source>Choose a layer</source>
        <translation>选择图层</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="540"/>
        <source>This file has several layers. Choose the parcel layer:</source>
        <translation>该文件包含多个图层，请选择地块图层：</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="545"/>
        <source>Reading parcels…</source>
        <translation>正在读取地块…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="547"/>
        <location filename="../ui/main_window.py" line="573"/>
        <source>Cannot import the parcels</source>
        <translation>无法导入地块</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="582"/>
        <source>Import park boundaries</source>
        <translation>导入园区边界</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="583"/>
        <source>Park boundaries ({0})</source>
        <translation>园区边界（{0}）</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="596"/>
        <location filename="../ui/main_window.py" line="604"/>
        <source>Cannot import the park boundaries</source>
        <translation>无法导入园区边界</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="601"/>
        <source>Park boundaries</source>
        <translation>园区边界</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="603"/>
        <source>Reading park boundaries…</source>
        <translation>正在读取园区边界…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="609"/>
        <source>Import enterprise indicators</source>
        <translation>导入企业指标</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="610"/>
        <source>Indicator tables ({0})</source>
        <translation>指标表 ({0})</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="636"/>
        <source>Enterprise indicators</source>
        <translation>企业指标</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="644"/>
        <source>Reading enterprise indicators…</source>
        <translation>正在读取企业指标…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="642"/>
        <source>Cannot import the enterprise indicators</source>
        <translation>无法导入企业指标</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="69"/>
        <source>Changes by other users: {0}</source>
        <translation>其他用户的修改：{0}</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="664"/>
        <source>{0} imported</source>
        <translation>{0}已导入</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="667"/>
        <source>{0} imported; {1} problems found.</source>
        <translation>{0}已导入，发现 {1} 个问题。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="675"/>
        <source>Export Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="675"/>
        <source>land-revitalization.xlsx</source>
        <translation>资源资产盘活清单.xlsx</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="687"/>
        <source>Exporting Excel…</source>
        <translation>正在导出 Excel…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="689"/>
        <source>Exported: {0}</source>
        <translation>已导出：{0}</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="690"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="713"/>
        <source>Save project as</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="713"/>
        <source>project.gpkg</source>
        <translation>盘活项目.gpkg</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="714"/>
        <source>landplanner projects (*.gpkg)</source>
        <translation>landplanner 项目 (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="746"/>
        <source>Saved: {0}</source>
        <translation>已保存：{0}</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="756"/>
        <source>Saving the project…</source>
        <translation>正在保存项目…</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="754"/>
        <source>Save failed; the previous file is unchanged</source>
        <translation>保存失败，原文件未改动</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="766"/>
        <source>Not saved: the conflict is still open</source>
        <translation>未保存：冲突尚未处理</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="776"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="776"/>
        <source>The project has unsaved changes. Save them?</source>
        <translation>当前项目有未保存的修改，是否保存？</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="804"/>
        <source>About landplanner</source>
        <translation>关于 landplanner</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="805"/>
        <source>landplanner {0}
Land revitalization: low-efficiency land, per-mu scoring, plans, park quotas.</source>
        <translation>landplanner {0}
资源资产盘活：低效用地、亩均评价、一企一策、园区指标。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="633"/>
        <location filename="../ui/main_window.py" line="640"/>
        <source>Import cancelled; the indicators are unchanged.</source>
        <translation>已取消导入，企业指标未改变。</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="653"/>
        <source>Replace indicator year</source>
        <translation>替换年度指标</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="654"/>
        <source>The project already holds indicators for this year. Replace them with the new table?</source>
        <translation>项目中已有该年度的企业指标。是否用新表替换？</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="68"/>
        <source>Map layouts (PDF, PNG, printer) and the one-enterprise-one-plan atlas</source>
        <translation>专题图（PDF、PNG、打印机）和一企一策档案</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="69"/>
        <source>Export map image…</source>
        <translation>导出地图图片…</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="70"/>
        <source>The current map view as a PNG at print resolution</source>
        <translation>以打印分辨率将当前地图视图导出为 PNG</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="313"/>
        <source>Export map image</source>
        <translation>导出地图图片</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="298"/>
        <source>Import parcels first</source>
        <translation>请先导入地块</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <location filename="../ui/map_canvas.py" line="421"/>
        <source>{park} {done} / {target} mu</source>
        <extracomment>Pixels the mouse may move and still count as a click. Hit-test tolerance around the cursor, in pixels. Zoom factor of one wheel notch (120 units).</extracomment>
        <translation>{park} {done} / {target} 亩</translation>
    </message>
    <message>
        <location filename="../ui/map_canvas.py" line="532"/>
        <source>Distance: {0}</source>
        <translation>距离：{0}</translation>
    </message>
    <message>
        <location filename="../ui/map_canvas.py" line="537"/>
        <source>Area: {0} m² = {1} mu
Perimeter: {2}</source>
        <translation>面积：{0} 平方米 = {1} 亩
周长：{2}</translation>
    </message>
</context>
<context>
    <name>MapStyles</name>
    <message>
        <location filename="map_style_strings.py" line="18"/>
        <source>Outside the parks</source>
        <translation>园区外</translation>
    </message>
    <message>
        <location filename="map_style_strings.py" line="19"/>
        <source>Overdue (red outline)</source>
        <translation>逾期（红色边框）</translation>
    </message>
    <message>
        <location filename="map_style_strings.py" line="20"/>
        <source>By land category</source>
        <translation>按类别</translation>
    </message>
    <message>
        <location filename="map_style_strings.py" line="21"/>
        <source>By per-mu class (A–D, T)</source>
        <translation>按亩均等级（A–D、T）</translation>
    </message>
    <message>
        <location filename="map_style_strings.py" line="22"/>
        <source>By plan status</source>
        <translation>按方案状态</translation>
    </message>
    <message>
        <location filename="map_style_strings.py" line="23"/>
        <source>By park</source>
        <translation>按园区</translation>
    </message>
</context>
<context>
    <name>ParcelTable</name>
    <message>
        <location filename="../ui/table_model.py" line="43"/>
        <source>Parcel ID</source>
        <translation>地块编号</translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="44"/>
        <source>Enterprise</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="45"/>
        <source>Credit code (USCC)</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="46"/>
        <source>Park</source>
        <translation>园区</translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="47"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="48"/>
        <source>Land use</source>
        <translation>土地用途</translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="49"/>
        <source>Area (mu)</source>
        <translation>面积（亩）</translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="50"/>
        <source>Declared area (mu)</source>
        <translation>登记面积（亩）</translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="51"/>
        <source>Plot ratio</source>
        <translation>容积率</translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="52"/>
        <source>Score</source>
        <translation>亩均得分</translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="53"/>
        <source>Class</source>
        <translation>亩均等级</translation>
    </message>
    <message>
        <location filename="../ui/table_model.py" line="54"/>
        <source>Plan status</source>
        <translation>方案状态</translation>
    </message>
</context>
<context>
    <name>ParkCard</name>
    <message>
        <location filename="../ui/quota_panel.py" line="75"/>
        <source>no target</source>
        <translation>无目标</translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="100"/>
        <source>Click to zoom to this park and filter the table</source>
        <translation>点击缩放到该园区并筛选属性表</translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <location filename="../ui/plan_editor.py" line="76"/>
        <source>Create plan with this method</source>
        <translation>按此方式建立方案</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="79"/>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="82"/>
        <source>(not chosen)</source>
        <translation>（未选择）</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="91"/>
        <source>empty = all its parcels</source>
        <translation>留空表示全部地块</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="95"/>
        <source>Method:</source>
        <translation>处置方式：</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="96"/>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="97"/>
        <source>Responsible unit:</source>
        <translation>责任单位：</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="98"/>
        <source>Responsible person:</source>
        <translation>责任人：</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="99"/>
        <source>Target date:</source>
        <translation>完成时限：</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="100"/>
        <source>Mu to free:</source>
        <translation>盘活面积（亩）：</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="101"/>
        <source>Expected tax after (10k yuan):</source>
        <translation>盘活后预计税收（万元）：</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="102"/>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="106"/>
        <source>Milestone</source>
        <translation>节点</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="106"/>
        <source>Due</source>
        <translation>计划日期</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="106"/>
        <source>Done</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="110"/>
        <source>Add milestone</source>
        <translation>添加节点</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="112"/>
        <source>Remove milestone</source>
        <translation>删除节点</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="118"/>
        <source>Milestones:</source>
        <translation>推进节点：</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="121"/>
        <source>Save plan changes</source>
        <translation>保存方案修改</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="125"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="131"/>
        <source>e.g. transfer contract no., inspection record</source>
        <translation>如：收回协议编号、验收记录</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="133"/>
        <source>required when moving the status back</source>
        <translation>状态回退时必须填写</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="141"/>
        <source>Current:</source>
        <translation>当前状态：</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="142"/>
        <source>Closing date:</source>
        <translation>销号日期：</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="143"/>
        <source>Evidence:</source>
        <translation>佐证材料：</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="144"/>
        <source>Note:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="152"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="152"/>
        <source>Author</source>
        <translation>修改人</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="152"/>
        <source>Change</source>
        <translation>修改内容</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="152"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="156"/>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="200"/>
        <source>Select a parcel to see or create its plan.</source>
        <translation>请选择地块，查看或建立其处置方案。</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="213"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="214"/>
        <source>Suggested method: &lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Why: {1}</source>
        <translation>建议处置方式：&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;理由：{1}</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="238"/>
        <source> — closed on {0}</source>
        <translation> — 于 {0} 销号</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="240"/>
        <source>(overdue)</source>
        <translation>（已逾期）</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="250"/>
        <source>Move to “{0}”</source>
        <translation>推进到“{0}”</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="252"/>
        <source>Back to “{0}”</source>
        <translation>退回到“{0}”</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="275"/>
        <source>Create plan</source>
        <translation>建立方案</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="298"/>
        <source>Edit plan</source>
        <translation>修改方案</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="311"/>
        <source>Status: {0}</source>
        <translation>状态：{0}</translation>
    </message>
</context>
<context>
    <name>PrintDialog</name>
    <message>
        <location filename="../ui/print_dialog.py" line="52"/>
        <source>Print and export</source>
        <translation>打印与导出</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="60"/>
        <source>Map layout</source>
        <translation>专题图</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="61"/>
        <source>Case-file atlas</source>
        <translation>一企一策档案</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="88"/>
        <source>Save as template…</source>
        <translation>存为模板…</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="93"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="98"/>
        <source>Landscape</source>
        <translation>横向</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="99"/>
        <source>Portrait</source>
        <translation>纵向</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="120"/>
        <source>All parcels</source>
        <translation>全部地块</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="121"/>
        <source>Current map view</source>
        <translation>当前地图视图</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="126"/>
        <source>Fit (round scale)</source>
        <translation>自动（取整比例尺）</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="138"/>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="138"/>
        <source>Scale bar</source>
        <translation>比例尺</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="139"/>
        <source>Coordinate grid</source>
        <translation>坐标格网</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="139"/>
        <source>North arrow</source>
        <translation>指北针</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="140"/>
        <source>Quota table</source>
        <translation>任务完成表</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="141"/>
        <source>Park quota labels</source>
        <translation>园区任务标注</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="146"/>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="147"/>
        <source>Orientation</source>
        <translation>纸张方向</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="148"/>
        <source>Margins</source>
        <translation>页边距</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="149"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="150"/>
        <source>Subtitle</source>
        <translation>副标题</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="151"/>
        <source>Map style</source>
        <translation>专题样式</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="152"/>
        <source>Map shows</source>
        <translation>制图范围</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="153"/>
        <source>Scale</source>
        <translation>比例尺</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="154"/>
        <source>Mapping unit</source>
        <translation>制图单位</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="155"/>
        <source>Data as of</source>
        <translation>数据截至</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="156"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="157"/>
        <source>Items</source>
        <translation>图面要素</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="163"/>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="165"/>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="167"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="190"/>
        <source>One page per enterprise</source>
        <translation>每家企业一页</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="191"/>
        <source>One page per parcel</source>
        <translation>每个地块一页</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="192"/>
        <source>One page per park</source>
        <translation>每个园区一页</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="195"/>
        <source>Only the selected parcels' pages</source>
        <translation>只输出所选地块</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="197"/>
        <source>One PDF</source>
        <translation>一个 PDF</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="198"/>
        <source>One file per page</source>
        <translation>每页一个文件</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="199"/>
        <source>One PDF per park</source>
        <translation>每个园区一个 PDF</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="201"/>
        <source>Export atlas…</source>
        <translation>导出档案…</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="203"/>
        <source>Pages</source>
        <translation>编排</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="204"/>
        <source>Filter</source>
        <translation>筛选</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="206"/>
        <source>Files</source>
        <translation>输出文件</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="207"/>
        <source>Count</source>
        <translation>页数</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="267"/>
        <source>Save template</source>
        <translation>保存模板</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="267"/>
        <source>Template name</source>
        <translation>模板名称</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="324"/>
        <source>The legend does not fit its frame</source>
        <translation>图例超出图例框</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="333"/>
        <source>{0} pages (plus cover and contents)</source>
        <translation>{0} 页（另有封面和目录）</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="353"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="377"/>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="377"/>
        <source>map.pdf</source>
        <translation>专题图.pdf</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="379"/>
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="379"/>
        <source>Wrote {0}</source>
        <translation>已生成 {0}</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="382"/>
        <source>Export PNG</source>
        <translation>导出 PNG</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="382"/>
        <source>map.png</source>
        <translation>专题图.png</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="416"/>
        <source>Export atlas</source>
        <translation>导出档案</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="416"/>
        <source>case-files.pdf</source>
        <translation>一企一策档案.pdf</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="429"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="429"/>
        <source>Writing the atlas…</source>
        <translation>正在生成档案…</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="452"/>
        <source>Wrote {0} pages in {1} file(s)</source>
        <translation>已生成 {1} 个文件，共 {0} 页</translation>
    </message>
</context>
<context>
    <name>QuotaPanel</name>
    <message>
        <location filename="../ui/quota_panel.py" line="135"/>
        <source>Mu closed per quarter</source>
        <translation>各季度销号面积（亩）</translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="157"/>
        <source>Open a project to see the park quotas.</source>
        <translation>打开项目后显示园区指标进度。</translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="165"/>
        <source>Quotas cannot be computed: {0}</source>
        <translation>无法计算园区指标：{0}</translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="170"/>
        <source>{0} park(s) behind pace</source>
        <translation>{0} 个园区进度滞后</translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="170"/>
        <source>All parks on pace</source>
        <translation>各园区进度正常</translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="198"/>
        <source>No case closed yet this year</source>
        <translation>今年尚无销号案例</translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="200"/>
        <source>mu</source>
        <translation>亩</translation>
    </message>
</context>
<context>
    <name>ScoringPanel</name>
    <message>
        <location filename="../ui/scoring_panel.py" line="67"/>
        <source>Value ÷ benchmark × weight</source>
        <translation>指标值 ÷ 基准值 × 权重</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="68"/>
        <source>Min–max within the group (20–100 %)</source>
        <translation>组内极值标准化（20%–100%）</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="73"/>
        <source>Preset:</source>
        <translation>评价方案：</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="74"/>
        <source>Method:</source>
        <translation>计分方法：</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="75"/>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="79"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="79"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="79"/>
        <source>Benchmark</source>
        <translation>基准值</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="86"/>
        <source>Class</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="86"/>
        <source>Up to rank percentile (%)</source>
        <translation>排名百分位上限（%）</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="91"/>
        <source>Re-score</source>
        <translation>重新评价</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="103"/>
        <source>Rules</source>
        <translation>评价规则</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="106"/>
        <source>Indicators (empty benchmark = from the data)</source>
        <translation>指标（基准值留空表示按数据计算）</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="108"/>
        <source>Class bands by rank within the group</source>
        <translation>按组内排名划分等级</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="114"/>
        <source>Result</source>
        <translation>评价结果</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="116"/>
        <source>Enterprises per class</source>
        <translation>各等级企业数</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="242"/>
        <source>Import enterprise indicators first (File → Import enterprise indicators).</source>
        <translation>请先导入企业指标（文件 → 导入企业指标）。</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="249"/>
        <source>Enter numbers for weights, benchmarks and bands.</source>
        <translation>权重、基准值和等级划分须填写数字。</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="254"/>
        <source>Scoring…</source>
        <translation>正在评价…</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="269"/>
        <source>{0} enterprises scored</source>
        <translation>已评价 {0} 家企业</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="278"/>
        <source>Scoring failed</source>
        <translation>评价失败</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="280"/>
        <source>Scoring enterprises…</source>
        <translation>正在进行亩均评价…</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="307"/>
        <source>Select a parcel to see its enterprise&apos;s points.</source>
        <translation>选择地块后显示其企业的各项得分。</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="314"/>
        <source>The selected parcel&apos;s enterprise is not scored.</source>
        <translation>所选地块的企业未参加评价。</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="319"/>
        <source>{0}: {1:.2f} points, class {2}</source>
        <translation>{0}：{1:.2f} 分，{2} 类</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="320"/>
        <source>{0}: not graded (T)</source>
        <translation>{0}：不参评（T）</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="328"/>
        <source>points</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="118"/>
        <source>Benchmarks</source>
        <translation>评价基准</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="275"/>
        <source>Scoring cancelled.</source>
        <translation>已取消评价。</translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <location filename="../ui/undo_commands.py" line="20"/>
        <source>Edit {0}</source>
        <translation>修改 {0}</translation>
    </message>
    <message>
        <location filename="../ui/undo_commands.py" line="39"/>
        <source>Edit plan</source>
        <translation>修改方案</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <location filename="../ui/workers.py" line="108"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
