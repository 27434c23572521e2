<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AppController</name>
    <message>
        <location filename="../ui/app_controller.py" line="67"/>
        <source>an unsaved project</source>
        <translation>未保存的项目</translation>
    </message>
    <message>
        <location filename="../ui/app_controller.py" line="69"/>
        <source>Restore unsaved work?</source>
        <translation>恢复未保存的工作？</translation>
    </message>
    <message>
        <location filename="../ui/app_controller.py" line="70"/>
        <source>landplanner did not close normally last time. Restore the autosaved copy of {0}?</source>
        <translation>landplanner 上次未正常关闭。是否恢复 {0} 的自动保存副本？</translation>
    </message>
</context>
<context>
    <name>AttributeTable</name>
    <message>
        <location filename="../ui/table_dock.py" line="67"/>
        <source>Search parcel id, enterprise, credit code, park…</source>
        <translation>搜索地块编号、企业、信用代码、园区…</translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="76"/>
        <source>contains</source>
        <translation>包含</translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="78"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="82"/>
        <source>Add filter</source>
        <translation>添加筛选条件</translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="86"/>
        <source>Clear all filters</source>
        <translation>清除全部筛选</translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="117"/>
        <source>Copy selected rows</source>
        <translation>复制选中行</translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="120"/>
        <source>Copy the selected rows as tab-separated text, ready to paste into Excel</source>
        <translation>以制表符分隔复制选中行，可直接粘贴到 Excel</translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="297"/>
        <source>Filters: </source>
        <translation>筛选：</translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="297"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../ui/table_dock.py" line="309"/>
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
        <location filename="../ui/conflict_dialog.py" line="67"/>
        <source>Keep all mine</source>
        <translation>全部保留我的</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="69"/>
        <source>Take all theirs</source>
        <translation>全部采用对方的</translation>
    </message>
    <message>
        <location filename="../ui/conflict_dialog.py" line="71"/>
        <source>Merge as chosen</source>
        <translation>按所选合并</translation>
    </message>
</context>
<context>
    <name>DatabaseDialog</name>
    <message>
        <location filename="../ui/database_dialog.py" line="35"/>
        <source>Open a project from a database</source>
        <translation>从数据库打开项目</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="39"/>
        <source>optional: a pg_service.conf entry</source>
        <translation>可选：pg_service.conf 中的服务名</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="48"/>
        <source>used for this session only, never saved</source>
        <translation>仅本次使用，不会保存</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="52"/>
        <source>List projects</source>
        <translation>列出项目</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="54"/>
        <source>Service:</source>
        <translation>服务：</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="55"/>
        <source>Host:</source>
        <translation>主机：</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="56"/>
        <source>Port:</source>
        <translation>端口：</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="57"/>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="58"/>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="59"/>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="60"/>
        <source>Project (schema):</source>
        <translation>项目（模式）：</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="64"/>
        <source>The password is not stored. To connect without typing it, put it in ~/.pgpass (%APPDATA%\postgresql\pgpass.conf on Windows) or a pg_service.conf entry.</source>
        <translation>密码不会被保存。如不想每次输入，请写在 ~/.pgpass（Windows 为 %APPDATA%\postgresql\pgpass.conf）或 pg_service.conf 中。</translation>
    </message>
    <message>
        <location filename="../ui/database_dialog.py" line="127"/>
        <source>{0} projects found</source>
        <translation>找到 {0} 个项目</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../ui/details_panel.py" line="39"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="39"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="103"/>
        <source>Select a parcel on the map or in the table.</source>
        <translation>请在地图或属性表中选择地块。</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="108"/>
        <source>Parcel</source>
        <translation>地块</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="153"/>
        <source>Per-mu scoring</source>
        <translation>亩均评价</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="158"/>
        <source>Rank in group</source>
        <translation>组内排名</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="163"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="172"/>
        <source>Points: {0}</source>
        <translation>得分：{0}</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="193"/>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../ui/details_panel.py" line="203"/>
        <source> (overdue)</source>
        <translation>（已逾期）</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../ui/error_log.py" line="52"/>
        <source>Not enough memory to finish this operation.</source>
        <translation>内存不足，无法完成此操作。</translation>
    </message>
    <message>
        <location filename="../ui/error_log.py" line="54"/>
        <source>No permission to access the file: {0}</source>
        <translation>没有权限访问该文件：{0}</translation>
    </message>
    <message>
        <location filename="../ui/error_log.py" line="56"/>
        <source>File not found: {0}</source>
        <translation>找不到文件：{0}</translation>
    </message>
    <message>
        <location filename="../ui/error_log.py" line="57"/>
        <source>An unexpected error occurred: {0}</source>
        <translation>发生了意外错误：{0}</translation>
    </message>
    <message>
        <location filename="../ui/error_log.py" line="81"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../ui/error_log.py" line="97"/>
        <source>The details were written to the log file: {0}</source>
        <translation>详细信息已记录到日志文件：{0}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../ui/import_dialog.py" line="52"/>
        <source>Import parcels</source>
        <translation>导入地块</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="68"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="69"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="77"/>
        <source>Load report</source>
        <translation>读取报告</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="79"/>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="81"/>
        <source>Layer:</source>
        <translation>图层：</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="82"/>
        <source>Features:</source>
        <translation>要素数：</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="83"/>
        <source>Geometry type:</source>
        <translation>几何类型：</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="90"/>
        <source>Coordinate system:</source>
        <translation>坐标系：</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="92"/>
        <source>Suggestion:</source>
        <translation>建议：</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="101"/>
        <source>Reload with this encoding</source>
        <translation>按此编码重新读取</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="102"/>
        <source>If field names or text look garbled, choose another encoding and reload</source>
        <translation>字段或文字显示为乱码时，选择其他编码重新读取</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="110"/>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="139"/>
        <source>from the .cpg file</source>
        <translation>来自 .cpg 文件</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="140"/>
        <source>from the DBF language byte</source>
        <translation>来自 DBF 语言标志</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="141"/>
        <source>detected</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="142"/>
        <source>chosen by the user</source>
        <translation>用户指定</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="146"/>
        <source>Problems found ({0})</source>
        <translation>发现的问题（{0}）</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="151"/>
        <source>Severity</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="151"/>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="156"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="156"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="156"/>
        <source>Info</source>
        <translation>提示</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="182"/>
        <source>Field mapping (guessed from the field names; change as needed)</source>
        <translation>字段对应（已按字段名自动识别，可修改）</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="187"/>
        <source>App field</source>
        <translation>系统字段</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="187"/>
        <source>Source field</source>
        <translation>源字段</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="187"/>
        <source>Sample value</source>
        <translation>示例值</translation>
    </message>
    <message>
        <location filename="../ui/import_dialog.py" line="202"/>
        <source>(not mapped)</source>
        <translation>（不对应）</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <location filename="../ui/layers_panel.py" line="120"/>
        <source>Layers</source>
        <extracomment>QSettings key of the label field (&quot;&quot; = no labels).</extracomment>
        <translation>图层</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="124"/>
        <source>Thematic style</source>
        <translation>专题样式</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="126"/>
        <source>Legend</source>
        <translation>图例</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="165"/>
        <source>Parcels ({0:,})</source>
        <translation>地块（{0:,}）</translation>
    </message>
    <message>
        <location filename="../ui/layers_panel.py" line="168"/>
        <source>Park boundaries ({0})</source>
        <translation>园区边界（{0}）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../ui/main_docks.py" line="129"/>
        <source>Layers and legend</source>
        <extracomment>Attributes of the window that hold deferred panels (asking for one builds them).</extracomment>
        <translation>图层与图例</translation>
    </message>
    <message>
        <location filename="../ui/main_docks.py" line="130"/>
        <source>Park quotas</source>
        <translation>园区指标进度</translation>
    </message>
    <message>
        <location filename="../ui/main_docks.py" line="131"/>
        <source>Parcel and enterprise details</source>
        <translation>地块与企业详情</translation>
    </message>
    <message>
        <location filename="../ui/main_docks.py" line="132"/>
        <source>Plan (one per enterprise)</source>
        <translation>一企一策方案</translation>
    </message>
    <message>
        <location filename="../ui/main_docks.py" line="136"/>
        <source>Per-mu scoring</source>
        <translation>亩均评价</translation>
    </message>
    <message>
        <location filename="../ui/main_docks.py" line="137"/>
        <source>Attribute table</source>
        <translation>属性表</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="53"/>
        <source>New project</source>
        <extracomment>Map tools, QGIS-like: none of them clashes with a File or Edit shortcut.</extracomment>
        <translation>新建项目</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="54"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="55"/>
        <source>Open a project (.gpkg) or a parcel file</source>
        <translation>打开项目（.gpkg）或地块文件</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="56"/>
        <source>Open from database…</source>
        <translation>从数据库打开…</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="57"/>
        <source>Open a project shared in a PostGIS database</source>
        <translation>打开保存在 PostGIS 数据库中的共享项目</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="58"/>
        <source>Save project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="59"/>
        <source>Save project as…</source>
        <translation>项目另存为…</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="60"/>
        <source>Import parcels…</source>
        <translation>导入地块…</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="61"/>
        <source>Import a parcel file (Shapefile, ZIP, GeoPackage…) and confirm the field mapping</source>
        <translation>导入地块文件（Shapefile、ZIP、GeoPackage 等），确认字段对应</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="62"/>
        <source>Import park boundaries…</source>
        <translation>导入园区边界…</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="63"/>
        <source>Import enterprise indicators…</source>
        <translation>导入企业指标…</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="64"/>
        <source>Import enterprise indicator tables from the tax, statistics, power and environment departments (Excel)</source>
        <translation>导入税务、统计、电力、环保部门的企业指标表（Excel）</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="65"/>
        <source>Export Excel…</source>
        <translation>导出 Excel…</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="66"/>
        <source>Export the land list, enterprise list, plans and park progress</source>
        <translation>导出低效用地清单、企业清单、一企一策和园区进度</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="67"/>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="71"/>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="72"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="76"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="81"/>
        <source>Copy selected rows</source>
        <translation>复制选中行</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="82"/>
        <source>Copy the selected rows as tab-separated text, ready to paste into Excel</source>
        <translation>以制表符分隔复制选中行，可直接粘贴到 Excel</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="83"/>
        <source>Clear selection</source>
        <translation>取消选择</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="85"/>
        <source>Full extent</source>
        <translation>全图</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="86"/>
        <source>Zoom to all parcels</source>
        <translation>缩放到全部地块</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="87"/>
        <source>Zoom to selection</source>
        <translation>缩放到所选</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="88"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="89"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="92"/>
        <source>Pan</source>
        <translation>平移</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="93"/>
        <source>Select (hold Shift to add)</source>
        <translation>选择（按住 Shift 追加）</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="94"/>
        <source>Identify</source>
        <translation>识别</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="95"/>
        <source>Measure distance</source>
        <translation>量测距离</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="96"/>
        <source>Measure area (m², mu)</source>
        <translation>量测面积（平方米、亩）</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="119"/>
        <source>Re-score</source>
        <translation>重新评价</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="120"/>
        <source>Recompute the per-mu scores with the current settings</source>
        <translation>按当前方案重新计算亩均评价</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="121"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="130"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="142"/>
        <source>Recent files</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="149"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="156"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="159"/>
        <source>Reset panel layout</source>
        <translation>恢复默认布局</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="161"/>
        <source>Put every panel back where and how large it was at first start</source>
        <translation>将所有面板恢复到首次启动时的位置和大小</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="167"/>
        <source>Thematic style</source>
        <translation>专题样式</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="170"/>
        <source>Language / 语言</source>
        <translation>语言 / Language</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="174"/>
        <source>&amp;Map</source>
        <translation>地图(&amp;M)</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="188"/>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="193"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="197"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="240"/>
        <source>X, Y: {0:,.2f}, {1:,.2f}</source>
        <translation>坐标：{0:,.2f}, {1:,.2f}</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="250"/>
        <source>Scale 1:{0:,.0f}</source>
        <translation>比例尺 1:{0:,.0f}</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="272"/>
        <source>Untitled project</source>
        <translation>未命名项目</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="273"/>
        <source>landplanner — land revitalization</source>
        <translation>landplanner 资源资产盘活</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="44"/>
        <source>Open a project or parcel file</source>
        <translation>打开项目或地块文件</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="45"/>
        <source>Projects and parcel files ({0});;All files (*)</source>
        <translation>项目或地块文件 ({0});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="69"/>
        <location filename="../ui/file_commands.py" line="83"/>
        <source>Opening the project…</source>
        <translation>正在打开项目…</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="71"/>
        <location filename="../ui/file_commands.py" line="85"/>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="107"/>
        <source>Project on a network share</source>
        <translation>项目位于网络共享上</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="114"/>
        <source>Import parcels</source>
        <translation>导入地块</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="115"/>
        <source>Parcel files ({0});;All files (*)</source>
        <translation>地块文件 ({0});;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="130"/>
        <source>Cannot read the file</source>
        <translation>无法读取文件</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="137"/>
        <source>Choose a layer</source>
        <translation>选择图层</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="137"/>
        <source>This file has several layers. Choose the parcel layer:</source>
        <translation>该文件包含多个图层，请选择地块图层：</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="142"/>
        <source>Reading parcels…</source>
        <translation>正在读取地块…</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="144"/>
        <location filename="../ui/file_commands.py" line="175"/>
        <source>Cannot import the parcels</source>
        <translation>无法导入地块</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="195"/>
        <source>Import park boundaries</source>
        <translation>导入园区边界</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="196"/>
        <source>Park boundaries ({0})</source>
        <translation>园区边界（{0}）</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="211"/>
        <location filename="../ui/file_commands.py" line="216"/>
        <source>Cannot import the park boundaries</source>
        <translation>无法导入园区边界</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="213"/>
        <source>Park boundaries</source>
        <translation>园区边界</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="215"/>
        <source>Reading park boundaries…</source>
        <translation>正在读取园区边界…</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="221"/>
        <source>Import enterprise indicators</source>
        <translation>导入企业指标</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="222"/>
        <source>Indicator tables ({0})</source>
        <translation>指标表 ({0})</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="248"/>
        <source>Enterprise indicators</source>
        <translation>企业指标</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="256"/>
        <source>Reading enterprise indicators…</source>
        <translation>正在读取企业指标…</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="254"/>
        <source>Cannot import the enterprise indicators</source>
        <translation>无法导入企业指标</translation>
    </message>
    <message>
        <location filename="../ui/main_window.py" line="68"/>
        <source>Changes by other users: {0}</source>
        <translation>其他用户的修改：{0}</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="276"/>
        <source>{0} imported</source>
        <translation>{0}已导入</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="279"/>
        <source>{0} imported; {1} problems found.</source>
        <translation>{0}已导入，发现 {1} 个问题。</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="287"/>
        <source>Export Excel</source>
        <translation>导出 Excel</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="287"/>
        <source>land-revitalization.xlsx</source>
        <translation>资源资产盘活清单.xlsx</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="300"/>
        <source>Exporting Excel…</source>
        <translation>正在导出 Excel…</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="302"/>
        <location filename="../ui/file_commands.py" line="337"/>
        <source>Exported: {0}</source>
        <translation>已导出：{0}</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="303"/>
        <location filename="../ui/file_commands.py" line="335"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="359"/>
        <source>Save project as</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="359"/>
        <source>project.gpkg</source>
        <translation>盘活项目.gpkg</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="360"/>
        <source>landplanner projects (*.gpkg)</source>
        <translation>landplanner 项目 (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="389"/>
        <source>Saved: {0}</source>
        <translation>已保存：{0}</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="399"/>
        <source>Saving the project…</source>
        <translation>正在保存项目…</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="397"/>
        <source>Save failed; the previous file is unchanged</source>
        <translation>保存失败，原文件未改动</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="409"/>
        <source>Not saved: the conflict is still open</source>
        <translation>未保存：冲突尚未处理</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="419"/>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="419"/>
        <source>The project has unsaved changes. Save them?</source>
        <translation>当前项目有未保存的修改，是否保存？</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="234"/>
        <source>About landplanner</source>
        <translation>关于 landplanner</translation>
    </message>
    <message>
        <location filename="../ui/main_actions.py" line="235"/>
        <source>landplanner {0}
Land revitalization: low-efficiency land, per-mu scoring, plans, park quotas.</source>
        <translation>landplanner {0}
资源资产盘活：低效用地、亩均评价、一企一策、园区指标。</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="245"/>
        <location filename="../ui/file_commands.py" line="252"/>
        <source>Import cancelled; the indicators are unchanged.</source>
        <translation>已取消导入，企业指标未改变。</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="265"/>
        <source>Replace indicator year</source>
        <translation>替换年度指标</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="266"/>
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
        <location filename="../ui/file_commands.py" line="327"/>
        <source>Export map image</source>
        <translation>导出地图图片</translation>
    </message>
    <message>
        <location filename="../ui/file_commands.py" line="312"/>
        <source>Import parcels first</source>
        <translation>请先导入地块</translation>
    </message>
</context>
<context>
    <name>MapCanvas</name>
    <message>
        <location filename="../ui/map_canvas.py" line="543"/>
        <source>{park} {done} / {target} mu</source>
        <extracomment>Layers the user can show or hide (the layer list&apos;s check boxes): the parcels, the park boundaries with their quota gauges, the parcel labels, the marker sets (``assets``, ``match``) and the scale bar with the north arrow. Pixels the mouse may move and still count as a click. Hit-test tolerance around the cursor, in pixels. Zoom factor of one wheel notch (120 units). a layer was shown / hidden, or a marker set appeared or went (the layer list follows) a legend class of the current style was shown or hidden</extracomment>
        <translation>{park} {done} / {target} 亩</translation>
    </message>
    <message>
        <location filename="../ui/map_canvas.py" line="730"/>
        <source>Distance: {0}</source>
        <translation>距离：{0}</translation>
    </message>
    <message>
        <location filename="../ui/map_canvas.py" line="735"/>
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
    <name>ParkCard</name>
    <message>
        <location filename="../ui/quota_panel.py" line="91"/>
        <source>no target</source>
        <translation>无目标</translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="126"/>
        <source>Click to zoom to this park and filter the table</source>
        <translation>点击缩放到该园区并筛选属性表</translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <location filename="../ui/plan_editor.py" line="142"/>
        <source>Create plan with this method</source>
        <extracomment>Item data role of an account cell showing a computed (not entered) figure: its text.</extracomment>
        <translation>按此方式建立方案</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="145"/>
        <source>Plan</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="148"/>
        <source>(not chosen)</source>
        <translation>（未选择）</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="160"/>
        <source>empty = all its parcels</source>
        <translation>留空表示全部地块</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="176"/>
        <source>Milestone</source>
        <translation>节点</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="176"/>
        <source>Due</source>
        <translation>计划日期</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="176"/>
        <source>Done</source>
        <translation>完成日期</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="189"/>
        <source>Add milestone</source>
        <translation>添加节点</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="191"/>
        <source>Remove milestone</source>
        <translation>删除节点</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="173"/>
        <source>Milestones:</source>
        <translation>推进节点：</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="233"/>
        <source>Save plan changes</source>
        <translation>保存方案修改</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="236"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="243"/>
        <source>e.g. transfer contract no., inspection record</source>
        <translation>如：收回协议编号、验收记录</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="245"/>
        <source>required when moving the status back</source>
        <translation>状态回退时必须填写</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="253"/>
        <source>Current:</source>
        <translation>当前状态：</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="254"/>
        <source>Closing date:</source>
        <translation>销号日期：</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="255"/>
        <source>Evidence:</source>
        <translation>佐证材料：</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="256"/>
        <source>Note:</source>
        <translation>说明：</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="264"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="264"/>
        <source>Author</source>
        <translation>修改人</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="264"/>
        <source>Change</source>
        <translation>修改内容</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="264"/>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="268"/>
        <source>History</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="432"/>
        <source>Select a parcel to see or create its plan.</source>
        <translation>请选择地块，查看或建立其处置方案。</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="471"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="472"/>
        <source>Suggested method: &lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;Why: {1}</source>
        <translation>建议处置方式：&lt;b&gt;{0}&lt;/b&gt;&lt;br&gt;理由：{1}</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="546"/>
        <source> — closed on {0}</source>
        <translation> — 于 {0} 销号</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="548"/>
        <source>(overdue)</source>
        <translation>（已逾期）</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="560"/>
        <source>Move to “{0}”</source>
        <translation>推进到“{0}”</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="562"/>
        <source>Back to “{0}”</source>
        <translation>退回到“{0}”</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="595"/>
        <source>Create plan</source>
        <translation>建立方案</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="641"/>
        <source>Edit plan</source>
        <translation>修改方案</translation>
    </message>
    <message>
        <location filename="../ui/plan_editor.py" line="655"/>
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
        <source>Only the selected parcels&apos; pages</source>
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
        <location filename="../ui/print_dialog.py" line="384"/>
        <location filename="../ui/print_dialog.py" line="466"/>
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="379"/>
        <location filename="../ui/print_dialog.py" line="384"/>
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
        <location filename="../ui/print_dialog.py" line="430"/>
        <source>Export atlas</source>
        <translation>导出档案</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="430"/>
        <source>case-files.pdf</source>
        <translation>一企一策档案.pdf</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="443"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="443"/>
        <source>Writing the atlas…</source>
        <translation>正在生成档案…</translation>
    </message>
    <message>
        <location filename="../ui/print_dialog.py" line="466"/>
        <source>Wrote {0} pages in {1} file(s)</source>
        <translation>已生成 {1} 个文件，共 {0} 页</translation>
    </message>
</context>
<context>
    <name>QuotaPanel</name>
    <message>
        <location filename="../ui/quota_panel.py" line="159"/>
        <source>Mu closed per quarter</source>
        <translation>各季度销号面积（亩）</translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="207"/>
        <source>Open a project to see the park quotas.</source>
        <translation>打开项目后显示园区指标进度。</translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="215"/>
        <source>Quotas cannot be computed: {0}</source>
        <translation>无法计算园区指标：{0}</translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="224"/>
        <source>{0} park(s) behind pace</source>
        <translation>{0} 个园区进度滞后</translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="224"/>
        <source>All parks on pace</source>
        <translation>各园区进度正常</translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="264"/>
        <source>No case closed yet this year</source>
        <translation>今年尚无销号案例</translation>
    </message>
    <message>
        <location filename="../ui/quota_panel.py" line="266"/>
        <source>mu</source>
        <translation>亩</translation>
    </message>
</context>
<context>
    <name>ScoringPanel</name>
    <message>
        <location filename="../ui/scoring_panel.py" line="75"/>
        <source>Value ÷ benchmark × weight</source>
        <extracomment>The map&apos;s class colours (one source: ``styles.class_colors``).</extracomment>
        <translation>指标值 ÷ 基准值 × 权重</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="76"/>
        <source>Min–max within the group (20–100 %)</source>
        <translation>组内极值标准化（20%–100%）</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="81"/>
        <source>Preset:</source>
        <translation>评价方案：</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="82"/>
        <source>Method:</source>
        <translation>计分方法：</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="83"/>
        <source>Year:</source>
        <translation>年度：</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="87"/>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="87"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="87"/>
        <source>Benchmark</source>
        <translation>基准值</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="94"/>
        <source>Class</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="94"/>
        <source>Up to rank percentile (%)</source>
        <translation>排名百分位上限（%）</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="99"/>
        <source>Re-score</source>
        <translation>重新评价</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="111"/>
        <source>Rules</source>
        <translation>评价规则</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="114"/>
        <source>Indicators (empty benchmark = from the data)</source>
        <translation>指标（基准值留空表示按数据计算）</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="116"/>
        <source>Class bands by rank within the group</source>
        <translation>按组内排名划分等级</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="122"/>
        <source>Result</source>
        <translation>评价结果</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="124"/>
        <source>Enterprises per class</source>
        <translation>各等级企业数</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="253"/>
        <source>Import enterprise indicators first (File → Import enterprise indicators).</source>
        <translation>请先导入企业指标（文件 → 导入企业指标）。</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="263"/>
        <source>Enter numbers for weights, benchmarks and bands.</source>
        <translation>权重、基准值和等级划分须填写数字。</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="268"/>
        <source>Scoring…</source>
        <translation>正在评价…</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="284"/>
        <source>{0} enterprises scored</source>
        <translation>已评价 {0} 家企业</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="293"/>
        <source>Scoring failed</source>
        <translation>评价失败</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="295"/>
        <source>Scoring enterprises…</source>
        <translation>正在进行亩均评价…</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="322"/>
        <source>Select a parcel to see its enterprise&apos;s points.</source>
        <translation>选择地块后显示其企业的各项得分。</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="329"/>
        <source>The selected parcel&apos;s enterprise is not scored.</source>
        <translation>所选地块的企业未参加评价。</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="334"/>
        <source>{0}: {1:.2f} points, class {2}</source>
        <translation>{0}：{1:.2f} 分，{2} 类</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="335"/>
        <source>{0}: not graded (T)</source>
        <translation>{0}：不参评（T）</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="347"/>
        <source>points</source>
        <translation>得分</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="126"/>
        <source>Benchmarks</source>
        <translation>评价基准</translation>
    </message>
    <message>
        <location filename="../ui/scoring_panel.py" line="290"/>
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
    <message>
        <location filename="../ui/undo_commands.py" line="69"/>
        <source>Project settings</source>
        <translation>项目设置</translation>
    </message>
</context>
<context>
    <name>Workers</name>
    <message>
        <location filename="../ui/workers.py" line="111"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
