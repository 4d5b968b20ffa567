<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AnalysisJobs</name>
    <message>
        <location filename="../../gui/analysis/jobs.py" line="29"/>
        <location filename="../../gui/analysis/jobs.py" line="30"/>
        <source>Evaluation failed: %1</source>
        <translation>评估失败：%1</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/jobs.py" line="31"/>
        <source>The landscape could not be computed: %1</source>
        <translation>无法计算损失地形：%1</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/jobs.py" line="122"/>
        <location filename="../../gui/analysis/jobs.py" line="145"/>
        <source>Training is running: evaluate when it has finished.</source>
        <translation>正在训练：请在训练结束后再评估。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/jobs.py" line="123"/>
        <location filename="../../gui/analysis/jobs.py" line="146"/>
        <source>There is no classifier to evaluate: train one or open a saved model first (an autoencoder has no classes).</source>
        <translation>没有可评估的分类器：请先训练一个或打开已保存的模型（自编码器没有类别）。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/jobs.py" line="128"/>
        <source>%1 on %2</source>
        <translation>%1，在 %2 上</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/jobs.py" line="137"/>
        <location filename="../../gui/analysis/jobs.py" line="160"/>
        <source>Evaluating %1…</source>
        <translation>正在评估 %1…</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/jobs.py" line="167"/>
        <source>Training is running: compute when it has finished.</source>
        <translation>正在训练：请在训练结束后再计算。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/jobs.py" line="168"/>
        <source>There is no model yet: train one or open a saved model.</source>
        <translation>还没有模型：训练一个或打开已保存的模型。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/jobs.py" line="173"/>
        <source>%1 on %2 %3 test images</source>
        <translation>%1，在 %2 张 %3 测试图片上</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/jobs.py" line="188"/>
        <source>Computing the loss on a %1 × %1 grid…</source>
        <translation>正在 %1 × %1 网格上计算损失…</translation>
    </message>
</context>
<context>
    <name>AugmentPreview</name>
    <message>
        <location filename="../../gui/train/augment_preview.py" line="37"/>
        <source>A training digit as it is</source>
        <translation>一张原样的训练数字</translation>
    </message>
    <message>
        <location filename="../../gui/train/augment_preview.py" line="40"/>
        <source>What the network sees instead, a different version every time</source>
        <translation>网络实际看到的样子，每次都是不同的版本</translation>
    </message>
    <message>
        <location filename="../../gui/train/augment_preview.py" line="45"/>
        <source>New examples</source>
        <translation>换一组示例</translation>
    </message>
    <message>
        <location filename="../../gui/train/augment_preview.py" line="47"/>
        <source>The preview appears once TensorFlow has loaded.</source>
        <translation>TensorFlow 加载后显示预览。</translation>
    </message>
    <message>
        <location filename="../../gui/train/augment_preview.py" line="63"/>
        <source>Each batch is rotated, shifted, zoomed, bent and drawn thicker or thinner at random.</source>
        <translation>每一批图像都会随机旋转、平移、缩放、弯曲，并把笔画画粗或画细。</translation>
    </message>
</context>
<context>
    <name>BatchNormCompare</name>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="244"/>
        <source>Train an MNIST model in the Train tab twice, with “Batch normalisation” off and then on (same architecture). The activations of each layer on 256 validation images appear here while they train, the run without BN above and the run with BN below, each on its layer&apos;s fixed bins.</source>
        <translation>在“训练”页把同一个 MNIST 模型训练两次：先关闭“批标准化”，再打开（架构相同）。训练时这里显示每层在 256 张验证图片上的激活值：上面是不用批标准化的训练，下面是使用批标准化的训练，每层使用固定的分箱。</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="254"/>
        <location filename="../../gui/labs/batchnorm_lab.py" line="296"/>
        <source>BN off: no run yet</source>
        <translation>批标准化关：尚无训练</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="254"/>
        <location filename="../../gui/labs/batchnorm_lab.py" line="296"/>
        <source>BN on: no run yet</source>
        <translation>批标准化开：尚无训练</translation>
    </message>
</context>
<context>
    <name>BatchNormExperiment</name>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="73"/>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="74"/>
        <source>Hidden layers</source>
        <translation>隐藏层数</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="75"/>
        <source>Units per layer</source>
        <translation>每层单元数</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="76"/>
        <source>Initial weight σ</source>
        <translation>初始权重 σ</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="77"/>
        <source>Learning rate (SGD)</source>
        <translation>学习率（SGD）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="78"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="79"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="80"/>
        <source>Histogram every … steps</source>
        <translation>每隔几步画直方图</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="81"/>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="82"/>
        <source>Experiment (seed defaults)</source>
        <translation>实验（种子教程的默认值）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="88"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="88"/>
        <source>cost (log)</source>
        <translation>代价（对数）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="96"/>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="100"/>
        <source>Each column is the input of one layer over the whole data set: red without batch normalisation, blue with it, on the same bins. Without BN the tanh layers pile up at ±1, where the gradient vanishes, and the cost falls slowly; with BN the values stay spread out and the cost falls several-fold (with ReLU, the network without BN diverges at once).</source>
        <translation>每一列是某一层在整个数据集上的输入：红色为不用批标准化，蓝色为使用批标准化，分箱相同。不用批标准化时，tanh 层的值堆积在 ±1，梯度消失，代价下降缓慢；使用批标准化时数值保持分散，代价下降数倍（若用 ReLU，不用批标准化的网络会立刻发散）。</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="159"/>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="159"/>
        <source>layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="222"/>
        <source>diverged at step %1</source>
        <translation>在第 %1 步发散</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="223"/>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="227"/>
        <source>cost</source>
        <translation>代价</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="229"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
</context>
<context>
    <name>BatchNormLab</name>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="27"/>
        <source>without BN</source>
        <translation>不用批标准化</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="28"/>
        <source>with BN</source>
        <translation>使用批标准化</translation>
    </message>
</context>
<context>
    <name>BatchNormLabView</name>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="317"/>
        <source>Seed experiment: y = x² − 5</source>
        <translation>种子实验：y = x² − 5</translation>
    </message>
    <message>
        <location filename="../../gui/labs/batchnorm_lab.py" line="318"/>
        <source>MNIST runs: BN off vs on</source>
        <translation>MNIST 训练：批标准化关与开</translation>
    </message>
</context>
<context>
    <name>ClassView</name>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="90"/>
        <source>The address phones connect to: this computer&apos;s address on the room&apos;s network (127.0.0.1: only this computer)</source>
        <translation>手机连接的地址：本机在教室网络上的地址（127.0.0.1：仅本机）</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="93"/>
        <source>%1 (this computer only)</source>
        <translation>%1（仅本机）</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="100"/>
        <source>Open a class folder…</source>
        <translation>打开课堂文件夹…</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="102"/>
        <source>Go on with an earlier class: its digits come back on the wall</source>
        <translation>继续之前的课堂：它的数字会回到数字墙上</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="104"/>
        <source>Start the class</source>
        <translation>开始上课</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="106"/>
        <source>Listen for the students&apos; phones and show the QR code to join</source>
        <translation>等待学生的手机连接，并显示加入用的二维码</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="108"/>
        <source>End the class</source>
        <translation>结束课堂</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="110"/>
        <source>Stop listening; the digits stay in the class folder</source>
        <translation>停止接收；数字保留在课堂文件夹中</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="112"/>
        <location filename="../../gui/classroom/class_view.py" line="322"/>
        <source>Pause sending</source>
        <translation>暂停提交</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="115"/>
        <source>Students&apos; digits are refused with a polite sentence until you resume</source>
        <translation>恢复之前，学生提交的数字会被礼貌地拒绝</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="122"/>
        <source>Copy the address</source>
        <translation>复制地址</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="132"/>
        <source>Class</source>
        <translation>课堂</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="134"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="135"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="136"/>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="145"/>
        <location filename="../../gui/classroom/class_view.py" line="186"/>
        <source>Join</source>
        <translation>加入</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="187"/>
        <source>Wall</source>
        <translation>数字墙</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="188"/>
        <source>Poll</source>
        <translation>投票</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="189"/>
        <source>Learn from the class</source>
        <translation>从全班学习</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="260"/>
        <source>%1 digits back on the wall.</source>
        <translation>%1 个数字回到了数字墙上。</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="266"/>
        <source>Open a class folder</source>
        <translation>打开课堂文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="293"/>
        <source>Scan to draw along, or open %1</source>
        <translation>扫码一起写，或打开 %1</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="295"/>
        <source>The class is open: students scan the QR code.</source>
        <translation>课堂已开始：学生扫描二维码加入。</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="310"/>
        <source>The class has ended.</source>
        <translation>课堂已结束。</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="312"/>
        <source>The class has ended; its digits stay in the folder.</source>
        <translation>课堂已结束；数字保留在文件夹中。</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="322"/>
        <source>Resume sending</source>
        <translation>恢复提交</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="367"/>
        <source>%1 digits, %2 with their label: the model read %3% of those right.</source>
        <translation>%1 个数字，其中 %2 个带标签：模型读对了其中的 %3%。</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="371"/>
        <source>%1 digits so far.</source>
        <translation>目前 %1 个数字。</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="373"/>
        <source>Nicknames: %1.</source>
        <translation>昵称：%1 个。</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="469"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="469"/>
        <source>Take the selected digits off the class&apos;s wall</source>
        <translation>把选中的数字从课堂数字墙上移除</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="470"/>
        <source>Click a matrix cell</source>
        <translation>点击矩阵的格子</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="470"/>
        <source>Show only the class&apos;s digits of that cell</source>
        <translation>只显示该格子里的课堂数字</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/class_view.py" line="474"/>
        <source>A class is running (%1 digits so far): closing ends it.</source>
        <translation>课堂正在进行（目前 %1 个数字）：关闭会结束课堂。</translation>
    </message>
</context>
<context>
    <name>CodeSpacePanel</name>
    <message>
        <location filename="../../gui/draw/code_space.py" line="28"/>
        <source>code 1</source>
        <translation>编码 1</translation>
    </message>
    <message>
        <location filename="../../gui/draw/code_space.py" line="28"/>
        <source>code 2</source>
        <translation>编码 2</translation>
    </message>
    <message>
        <location filename="../../gui/draw/code_space.py" line="41"/>
        <source>decoded</source>
        <translation>解码结果</translation>
    </message>
    <message>
        <location filename="../../gui/draw/code_space.py" line="53"/>
        <location filename="../../gui/draw/code_space.py" line="75"/>
        <source>Train or open the autoencoder (2-D code) to see where it puts each digit.</source>
        <translation>训练或打开自编码器（二维编码），看看它把每个数字放在哪里。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/code_space.py" line="80"/>
        <source>This model is a classifier: only the autoencoder (2-D code) has a code space. Train it in the Train tab to see the digits arrange themselves.</source>
        <translation>这个模型是分类器：只有自编码器（二维编码）才有编码空间。在“训练”页训练它，看数字如何自行排列。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/code_space.py" line="93"/>
        <source>%1 test images placed by their 2-D code, coloured by class. Click anywhere to decode that point; the star is your drawing.</source>
        <translation>%1 张测试图片按二维编码摆放，按类别着色。点击任意位置即可解码该点；星号是你画的数字。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/code_space.py" line="96"/>
        <source>The digits still lie on top of one another: train longer (more epochs or a smaller batch) and they spread out.</source>
        <translation>各数字仍然叠在一起：训练得更久一些（更多轮次或更小的批大小），它们就会散开。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/code_space.py" line="127"/>
        <source>decoded (%1, %2)</source>
        <translation>解码 (%1, %2)</translation>
    </message>
</context>
<context>
    <name>ConfusionPlot</name>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="56"/>
        <source>predicted class</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="56"/>
        <source>true class</source>
        <translation>真实类别</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="76"/>
        <source>true \ predicted</source>
        <translation>真实 \ 预测</translation>
    </message>
</context>
<context>
    <name>ConvStepPanel</name>
    <message>
        <location filename="../../gui/draw/conv_step_panel.py" line="58"/>
        <source>Which input channel&apos;s patch, kernel and products to show</source>
        <translation>显示哪个输入通道的图块、卷积核和乘积</translation>
    </message>
    <message>
        <location filename="../../gui/draw/conv_step_panel.py" line="76"/>
        <source>input patch</source>
        <translation>输入图块</translation>
    </message>
    <message>
        <location filename="../../gui/draw/conv_step_panel.py" line="77"/>
        <source>kernel</source>
        <translation>卷积核</translation>
    </message>
    <message>
        <location filename="../../gui/draw/conv_step_panel.py" line="78"/>
        <source>products</source>
        <translation>乘积</translation>
    </message>
    <message>
        <location filename="../../gui/draw/conv_step_panel.py" line="84"/>
        <source>Input channel</source>
        <translation>输入通道</translation>
    </message>
    <message>
        <location filename="../../gui/draw/conv_step_panel.py" line="101"/>
        <source>Click a pixel of a feature map above to see how the convolution computes it.</source>
        <translation>点击上方特征图中的一个像素，看看卷积是怎样算出它的。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/conv_step_panel.py" line="112"/>
        <source>%1, map %2, pixel (row %3, column %4): a %5×%6 kernel over %7 input channel(s) of %8, rows %9–%10, columns %11–%12 (outside it: 0)</source>
        <translation>%1，第 %2 张特征图，像素（第 %3 行，第 %4 列）：%5×%6 的卷积核作用于 %8 的 %7 个输入通道，第 %9–%10 行、第 %11–%12 列（超出部分为 0）</translation>
    </message>
    <message>
        <location filename="../../gui/draw/conv_step_panel.py" line="126"/>
        <source>Σ of the products over all %1 channel(s) = %2</source>
        <translation>全部 %1 个通道的乘积之和 Σ = %2</translation>
    </message>
    <message>
        <location filename="../../gui/draw/conv_step_panel.py" line="128"/>
        <source>+ bias %1 = %2</source>
        <translation>+ 偏置 %1 = %2</translation>
    </message>
    <message>
        <location filename="../../gui/draw/conv_step_panel.py" line="133"/>
        <source>the feature map shows %1 (Keras computes %2)</source>
        <translation>特征图显示 %1（Keras 算出 %2）</translation>
    </message>
    <message>
        <location filename="../../gui/draw/conv_step_panel.py" line="139"/>
        <source>No pooling layer follows this one.</source>
        <translation>这一层后面没有池化层。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/conv_step_panel.py" line="143"/>
        <source>It falls in %1&apos;s window, rows %2–%3 and columns %4–%5 of the map; the %6 of that window, %7, goes on to row %8, column %9.</source>
        <translation>它落在 %1 的窗口里（特征图第 %2–%3 行、第 %4–%5 列）；这个窗口的%6 %7 传到第 %8 行、第 %9 列。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/conv_step_panel.py" line="148"/>
        <source>largest value</source>
        <translation>最大值</translation>
    </message>
    <message>
        <location filename="../../gui/draw/conv_step_panel.py" line="148"/>
        <source>mean</source>
        <translation>平均值</translation>
    </message>
    <message>
        <location filename="../../gui/draw/conv_step_panel.py" line="154"/>
        <source>the image</source>
        <translation>图像</translation>
    </message>
    <message>
        <location filename="../../gui/draw/conv_step_panel.py" line="154"/>
        <source>the previous layer</source>
        <translation>上一层</translation>
    </message>
    <message>
        <location filename="../../gui/draw/conv_step_panel.py" line="164"/>
        <source>this channel&apos;s products add up to %1 of the total %2</source>
        <translation>这个通道的乘积之和为 %1，总和为 %2</translation>
    </message>
</context>
<context>
    <name>CurveFitPane</name>
    <message>
        <location filename="../../gui/labs/curve_fit.py" line="34"/>
        <source>The data&apos;s noise and the starting weights. From some starts (try 0 or 2) the error falls, jumps about twentyfold and recovers: plain SGD at 0.1 overshooting while the output unit saturates.</source>
        <translation>决定数据的噪声和初始权重。从某些起点出发（试试 0 或 2），误差先下降，再跳升约二十倍后恢复：这是学习率 0.1 的普通 SGD 在输出单元饱和时越过了头。</translation>
    </message>
    <message>
        <location filename="../../gui/labs/curve_fit.py" line="38"/>
        <source>Hidden units</source>
        <translation>隐藏单元数</translation>
    </message>
    <message>
        <location filename="../../gui/labs/curve_fit.py" line="39"/>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <location filename="../../gui/labs/curve_fit.py" line="40"/>
        <source>Learning rate (SGD)</source>
        <translation>学习率（SGD）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/curve_fit.py" line="41"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../../gui/labs/curve_fit.py" line="42"/>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../../gui/labs/curve_fit.py" line="43"/>
        <source>Network 1 → hidden → 1 (seed 000)</source>
        <translation>网络 1 → 隐藏层 → 1（种子 000）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/curve_fit.py" line="47"/>
        <source>data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../gui/labs/curve_fit.py" line="49"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../../gui/labs/curve_fit.py" line="49"/>
        <source>MSE (log)</source>
        <translation>均方误差（对数）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/curve_fit.py" line="53"/>
        <source>Blue: 200 points of y = x² with a little noise. Red: what the network predicts after each step of gradient descent on all points; it starts as a random curve and bends into the parabola.</source>
        <translation>蓝色：带少量噪声的 y = x² 上的 200 个点。红色：在全部点上每做一步梯度下降后网络的预测；它从一条随机曲线开始，逐渐弯成抛物线。</translation>
    </message>
    <message>
        <location filename="../../gui/labs/curve_fit.py" line="104"/>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <location filename="../../gui/labs/curve_fit.py" line="106"/>
        <source>loss %1</source>
        <translation>损失 %1</translation>
    </message>
    <message>
        <location filename="../../gui/labs/curve_fit.py" line="108"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
</context>
<context>
    <name>DataParallelLab</name>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="110"/>
        <source>Both, one after the other</source>
        <translation>两种都跑，先后进行</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="111"/>
        <source>Synchronous (mirrored, all-reduce)</source>
        <translation>同步（镜像，全归约）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="112"/>
        <source>Asynchronous (parameter server)</source>
        <translation>异步（参数服务器）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="114"/>
        <source>Synchronous: every worker computes a gradient on its own batch, the gradients are averaged and one update is applied, so each step waits for the slowest worker. Asynchronous: each worker updates the shared parameters on its own, as soon as it is done.</source>
        <translation>同步：每个工作节点在自己的批次上计算梯度，梯度取平均后做一次更新，所以每一步都要等最慢的节点。异步：每个工作节点一算完就独自更新共享参数。</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="124"/>
        <source>Extra time added to every step of worker 0: a slower device, or a machine busy with something else.</source>
        <translation>给工作节点 0 的每一步额外增加的时间：相当于一台更慢的设备，或一台正忙于别的事情的机器。</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="136"/>
        <source>How many training examples each mode goes through: the same work for both, so their times compare.</source>
        <translation>每种模式要处理的训练样本数：两者工作量相同，用时才可比较。</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="138"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="141"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="146"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="147"/>
        <source>Workers</source>
        <translation>工作节点数</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="151"/>
        <source>Slow worker</source>
        <translation>慢节点</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="152"/>
        <source>Batch per worker</source>
        <translation>每个节点的批大小</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="153"/>
        <source>Learning rate (SGD)</source>
        <translation>学习率（SGD）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="154"/>
        <source>Examples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="155"/>
        <source>One MNIST model (MLP 784-500-10), N workers</source>
        <translation>一个 MNIST 模型（MLP 784-500-10），N 个工作节点</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="171"/>
        <source>Press Start: each mode starts its own TensorFlow cluster (a few seconds).</source>
        <translation>按“开始”：每种模式都会启动自己的 TensorFlow 集群（需要几秒钟）。</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="173"/>
        <source>Synchronous: computing, then waiting for the others</source>
        <translation>同步：先计算，再等待其他节点</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="175"/>
        <source>Asynchronous: each worker on its own</source>
        <translation>异步：每个节点各自进行</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="176"/>
        <source>training examples</source>
        <translation>训练样本数</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="177"/>
        <source>loss of each step&apos;s batch</source>
        <translation>每一步批次的损失</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="181"/>
        <location filename="../../gui/labs/parallel_lab.py" line="290"/>
        <source>synchronous</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="181"/>
        <location filename="../../gui/labs/parallel_lab.py" line="290"/>
        <source>asynchronous</source>
        <translation>异步</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="187"/>
        <source>Seed 000: synchronous training keeps one set of parameters and a stable loss, but every step waits for the slowest worker; asynchronous training keeps the fast workers busy, at the price of updates computed on stale parameters (a noisier loss). Drag the slow worker&apos;s delay and compare the examples per second.</source>
        <translation>种子 000：同步训练只有一套参数，损失稳定，但每一步都要等最慢的节点；异步训练让快的节点一直忙碌，代价是更新基于过时的参数计算（损失更嘈杂）。拖动慢节点的延迟，比较每秒处理的样本数。</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="198"/>
        <source>+%1 ms</source>
        <translation>+%1 毫秒</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="289"/>
        <source>Starting the %1 cluster…</source>
        <translation>正在启动%1集群…</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="297"/>
        <source>on ports %1</source>
        <translation>，端口 %1</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="299"/>
        <source>Training: %1 workers (%2)%3.</source>
        <translation>训练中：%1 个工作节点（%2）%3。</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="323"/>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="325"/>
        <source>Finished.</source>
        <translation>已完成。</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="339"/>
        <source>Synchronous</source>
        <translation>同步</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="339"/>
        <source>Asynchronous</source>
        <translation>异步</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="342"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 examples/s in %3 s; steps per worker %4; busy %5; loss %6; test accuracy %7</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%2 样本/秒，用时 %3 秒；各节点步数 %4；忙碌比例 %5；损失 %6；测试准确率 %7</translation>
    </message>
</context>
<context>
    <name>DescentExperiment</name>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="82"/>
        <source>custom: click the map</source>
        <translation>自定义：点击等高线图</translation>
    </message>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="94"/>
        <source>Tick several to compare them from the same start</source>
        <translation>勾选多个，从同一起点比较</translation>
    </message>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="106"/>
        <source>Learning rate, log scale from 0.001 to 10</source>
        <translation>学习率，对数刻度，0.001 到 10</translation>
    </message>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="112"/>
        <source>also at ÷3 and ×3 this rate</source>
        <translation>同时用该学习率的 ÷3 和 ×3</translation>
    </message>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="115"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="116"/>
        <source>Start (a, b)</source>
        <translation>起点 (a, b)</translation>
    </message>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="118"/>
        <source>Steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="119"/>
        <source>Optimizers</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="120"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="122"/>
        <source>Fit y = f(a, b; x) to 200 noisy points</source>
        <translation>用 y = f(a, b; x) 拟合 200 个带噪声的点</translation>
    </message>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="133"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="133"/>
        <source>cost (log)</source>
        <translation>代价（对数）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="136"/>
        <source>Each optimizer starts at the star and moves downhill on the cost surface of its two parameters; the × marks the lowest point of the grid. Drag the learning rate up until the path zig-zags across the valley and then runs away, and start sin(b·cos(a·x)) from (5, 1) or (5, 4) to see it settle in a local minimum instead.</source>
        <translation>每个优化器从星号出发，沿两个参数的代价曲面向下走；× 标出网格上的最低点。把学习率调大，直到路径在山谷两侧来回震荡、最后发散；再让 sin(b·cos(a·x)) 从 (5, 1) 或 (5, 4) 出发，看它停在局部最小值。</translation>
    </message>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="243"/>
        <source>Click on the contour map to choose where to start.</source>
        <translation>点击等高线图选择起点。</translation>
    </message>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="284"/>
        <source>Tick at least one optimizer.</source>
        <translation>请至少勾选一个优化器。</translation>
    </message>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="369"/>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="372"/>
        <source>diverged at step %1</source>
        <translation>在第 %1 步发散</translation>
    </message>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="376"/>
        <source>cost %1</source>
        <translation>代价 %1</translation>
    </message>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="378"/>
        <source>zig-zagging: each step overshoots the valley floor</source>
        <translation>来回震荡：每一步都越过了谷底</translation>
    </message>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="381"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
</context>
<context>
    <name>DescentLabView</name>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="393"/>
        <source>Cost surface: y = f(a, b; x)</source>
        <translation>代价曲面：y = f(a, b; x)</translation>
    </message>
    <message>
        <location filename="../../gui/labs/descent_lab.py" line="394"/>
        <source>Curve fitting: y = x²</source>
        <translation>曲线拟合：y = x²</translation>
    </message>
</context>
<context>
    <name>DigitCanvas</name>
    <message>
        <location filename="../../gui/draw/canvas_widget.py" line="175"/>
        <source>Draw a digit here</source>
        <translation>在这里写一个数字</translation>
    </message>
</context>
<context>
    <name>DrawView</name>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="37"/>
        <source>Brush size</source>
        <translation>笔刷大小</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="41"/>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="43"/>
        <source>Erase instead of drawing (E). The right mouse button always erases.</source>
        <translation>擦除而不是绘画（E）。鼠标右键始终是擦除。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="45"/>
        <source>Undo stroke</source>
        <translation>撤销笔画</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="47"/>
        <source>Undo the last stroke (Ctrl+Z)</source>
        <translation>撤销上一笔（Ctrl+Z）</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="49"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="51"/>
        <source>Clear the canvas (Delete)</source>
        <translation>清空画布（Delete）</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="53"/>
        <source>Random test digit</source>
        <translation>随机测试数字</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="55"/>
        <source>Put a real test image on the canvas to compare with your drawing (Ctrl+T)</source>
        <translation>把一张真实的测试图片放到画布上，与你画的比较（Ctrl+T）</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="64"/>
        <source>No model yet. Train one or load a saved model to see what it thinks of your drawing.</source>
        <translation>还没有模型。训练一个或加载已保存的模型，看看它怎么识别你画的数字。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="67"/>
        <source>Load model…</source>
        <translation>加载模型…</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="70"/>
        <source>Train one</source>
        <translation>训练一个</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="82"/>
        <source>Brush</source>
        <translation>笔刷</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="94"/>
        <source>This is a</source>
        <translation>这是</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="102"/>
        <source>Keep this drawing as a %1 in your digits (Alt+%1); they are in the My digits view</source>
        <translation>把这幅画作为数字 %1 存入“我的数字”（Alt+%1）；可在“我的数字”页查看</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="118"/>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="119"/>
        <source>Inside the network</source>
        <translation>网络内部</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="120"/>
        <source>Saliency, feature maps and filters for the digit you draw (Ctrl+I)</source>
        <translation>你所画数字的显著图、特征图和卷积核（Ctrl+I）</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="122"/>
        <source>Code space</source>
        <translation>编码空间</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="123"/>
        <source>The autoencoder&apos;s 2-D code of every test image; click to decode</source>
        <translation>自编码器对每张测试图片的二维编码；点击即可解码</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="130"/>
        <source>Neurons</source>
        <translation>神经元</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="131"/>
        <source>Every dense unit lit by your drawing; switch units off, prune, change the temperature and see what happens</source>
        <translation>每个全连接单元按你的手写数字亮起；关闭单元、剪枝、改变温度，看看会发生什么</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="135"/>
        <source>One step</source>
        <translation>一步计算</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="136"/>
        <source>The maths of the last layer for your drawing, number by number, and one step of gradient descent</source>
        <translation>最后一层对你手写数字的逐个数值计算，以及一步梯度下降</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="142"/>
        <source>Points map</source>
        <translation>点图</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="143"/>
        <source>The test digits as points, as a layer sees them (PCA or t-SNE); click one to draw it</source>
        <translation>把测试数字按某一层的视角画成点（PCA 或 t-SNE）；点击一个点即可放到画布上</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="252"/>
        <source>Model: %1, edited (%2)</source>
        <translation>模型：%1，已编辑（%2 处）</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="255"/>
        <source>Model: %1</source>
        <translation>模型：%1</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="286"/>
        <source>This model is an autoencoder: it rebuilds images instead of classifying them. See its code space.</source>
        <translation>这个模型是自编码器：它重建图片而不是分类。请看它的编码空间。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="296"/>
        <source>Nothing drawn yet.</source>
        <translation>还没有画任何东西。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="364"/>
        <source>Test digit #%1, labelled %2</source>
        <translation>测试数字 #%1，标签 %2</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="398"/>
        <source>Alt+0 … Alt+9</source>
        <translation>Alt+0 … Alt+9</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="398"/>
        <source>This is a 0–9: keep the drawing in My digits</source>
        <translation>这是 0–9：把这张图存进“我的数字”</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="399"/>
        <source>Right button</source>
        <translation>鼠标右键</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="399"/>
        <source>Erase while you hold it</source>
        <translation>按住时擦除</translation>
    </message>
    <message>
        <location filename="../../gui/draw/draw_view.py" line="427"/>
        <source>This model is an autoencoder: it has no class to explain.</source>
        <translation>这个模型是自编码器：没有类别可以解释。</translation>
    </message>
</context>
<context>
    <name>EvaluationView</name>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="166"/>
        <source>Evaluate on the test set</source>
        <translation>在测试集上评估</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="168"/>
        <source>Classify every test image with the current model (Ctrl+E)</source>
        <translation>用当前模型对每张测试图片分类（Ctrl+E）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="171"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="178"/>
        <source>Train or load a classifier, then evaluate it to see where it fails.</source>
        <translation>训练或加载一个分类器，然后评估它，看看它在哪里出错。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="186"/>
        <location filename="../../gui/analysis/evaluation_view.py" line="309"/>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="186"/>
        <location filename="../../gui/analysis/evaluation_view.py" line="309"/>
        <source>accuracy (%)</source>
        <translation>准确率（%）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="198"/>
        <source>Click a cell of the matrix to see its images.</source>
        <translation>点击矩阵中的格子查看其中的图片。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="208"/>
        <source>Chosen cell</source>
        <translation>所选格子</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="209"/>
        <source>Least confident</source>
        <translation>最不确定</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="210"/>
        <source>Confidently wrong</source>
        <translation>自信地错了</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="214"/>
        <source>Robustness</source>
        <translation>鲁棒性</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="215"/>
        <source>Accuracy on damaged images, and an “I don&apos;t know” threshold</source>
        <translation>受损图片上的准确率，以及“我不知道”的阈值</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="309"/>
        <source>images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="336"/>
        <source>%1: test accuracy %2 on %3 images.</source>
        <translation>%1：在 %3 张图片上的测试准确率为 %2。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="339"/>
        <source>Hardest class: %1 (%2).</source>
        <translation>最难的类别：%1（%2）。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="367"/>
        <source>%1 images of %2 predicted as %3 (most confident first).</source>
        <translation>%1 张 %2 被预测为 %3（最自信的在前）。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="375"/>
        <source>Test image #%1: labelled %2, predicted %3</source>
        <translation>测试图片 #%1：标签 %2，预测 %3</translation>
    </message>
</context>
<context>
    <name>ExperimentPanel</name>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="49"/>
        <source>Which pictures to learn from. The embedded digits work offline.</source>
        <translation>用哪些图片学习。内置数字离线可用。</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="60"/>
        <source>The network&apos;s architecture: how its layers are arranged.</source>
        <translation>网络的架构：各层如何排列。</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="67"/>
        <source>How the weights move downhill on the loss: plain gradient descent (SGD) or an adaptive variant.</source>
        <translation>权重如何沿损失下坡：普通梯度下降（SGD）或自适应的变体。</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="72"/>
        <source>Learning rate: the size of each step downhill. Too high diverges, too low crawls. Editable while training.</source>
        <translation>学习率：每一步下坡的步长。太大会发散，太小会很慢。训练中可以修改。</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="82"/>
        <source>constant</source>
        <translation>常数</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="82"/>
        <source>exponential decay</source>
        <translation>指数衰减</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="83"/>
        <source>Exponential decay shrinks the learning rate every epoch: big steps early, fine steps near the minimum.</source>
        <translation>指数衰减在每个轮次缩小学习率：开始时步子大，接近最小值时步子细。</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="87"/>
        <source>Decay rate: the learning rate is multiplied by this once per epoch.</source>
        <translation>衰减率：每个轮次学习率乘以这个数。</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="93"/>
        <source>Batch size: how many images each step averages its gradient over.</source>
        <translation>批大小：每一步对多少张图片的梯度取平均。</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="101"/>
        <source>Epochs: how many times training sweeps through all training images.</source>
        <translation>轮次：训练遍历全部训练图片的次数。</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="103"/>
        <source>batch normalisation</source>
        <translation>批标准化</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="105"/>
        <source>Batch normalisation: rescales each layer&apos;s inputs per batch so they stay in the activation&apos;s sensitive range.</source>
        <translation>批标准化：按批重新缩放每层的输入，使它们保持在激活函数的敏感区间内。</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="111"/>
        <source>Dropout: randomly silences this fraction of units while training, so the network cannot rely on any single one.</source>
        <translation>Dropout：训练时随机关闭这一比例的单元，使网络不能依赖任何单个单元。</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="118"/>
        <source>L2: penalises large weights to reduce over-fitting.</source>
        <translation>L2：惩罚过大的权重，以减轻过拟合。</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="119"/>
        <source>moving average of weights (EMA)</source>
        <translation>权重滑动平均（EMA）</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="121"/>
        <source>EMA: evaluate with a running average of recent weights, which is smoother than the last step&apos;s.</source>
        <translation>EMA：用最近权重的滑动平均来评估，比最后一步的权重更平滑。</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="124"/>
        <source>augment the images</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="126"/>
        <source>Augmentation: each batch is seen slightly rotated, shifted, zoomed, bent (elastic distortion) and with thicker or thinner strokes; on MNIST, half the 1s, 7s and 9s are also written the continental way (a flag, a bar, an open loop). The network then copes better with other people&apos;s handwriting and photos.</source>
        <translation>数据增强：每一批图像都会被轻微旋转、平移、缩放、弯曲（弹性形变），笔画变粗或变细；在 MNIST 上，还会把一半的 1、7、9 写成欧洲大陆的写法（1 带小旗、7 加横杠、9 的圈不封口）。这样网络更能认出别人的手写和照片。</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="135"/>
        <source>TensorBoard log</source>
        <translation>TensorBoard 日志</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="137"/>
        <source>Write the run&apos;s curves and weight/activation histograms for TensorBoard (seed 004&apos;s summaries): open them with  tensorboard --logdir FOLDER</source>
        <translation>为 TensorBoard 写入本次训练的曲线以及权重/激活直方图（种子 004 的摘要）：用  tensorboard --logdir 文件夹  打开</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="140"/>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="150"/>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="151"/>
        <source>Architecture</source>
        <translation>架构</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="152"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="153"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="155"/>
        <source>Schedule</source>
        <translation>学习率计划</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="156"/>
        <source>Decay per epoch</source>
        <translation>每轮衰减</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="157"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="159"/>
        <source>Epochs</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="160"/>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="161"/>
        <source>L2</source>
        <translation>L2</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="170"/>
        <source>Experiment</source>
        <translation>实验</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="223"/>
        <source>The batch is larger than the %1 training images: choose at most %1.</source>
        <translation>批大小超过了 %1 张训练图片：最多选择 %1。</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="237"/>
        <source>Folder for TensorBoard logs</source>
        <translation>TensorBoard 日志文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="272"/>
        <source>%1 + new output</source>
        <translation>%1 + 新输出层</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="283"/>
        <source>augmented</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="284"/>
        <source>batch %1</source>
        <translation>批大小 %1</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="286"/>
        <source>1 epoch</source>
        <translation>1 个轮次</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="286"/>
        <source>%1 epochs</source>
        <translation>%1 个轮次</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="288"/>
        <source>reuses %1 layers (frozen)</source>
        <translation>复用 %1 层（冻结）</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="288"/>
        <source>reuses %1 layers</source>
        <translation>复用 %1 层</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="335"/>
        <source>Type a positive number such as 0.001 or 1e-3 (at most 100).</source>
        <translation>请输入正数，例如 0.001 或 1e-3（最大 100）。</translation>
    </message>
    <message>
        <location filename="../../gui/train/experiment_panel.py" line="374"/>
        <source>%1 files (*.%2);;All files (*)</source>
        <translation>%1 文件 (*.%2);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>Exports</name>
    <message>
        <location filename="../../gui/widgets/plot_export.py" line="137"/>
        <source>Save image (PNG)…</source>
        <translation>保存图片（PNG）…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/plot_export.py" line="137"/>
        <source>Save vector image (SVG)…</source>
        <translation>保存矢量图（SVG）…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/plot_export.py" line="138"/>
        <source>Save data (CSV)…</source>
        <translation>保存数据（CSV）…</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/plot_export.py" line="144"/>
        <source>Copy image</source>
        <translation>复制图片</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/plot_export.py" line="183"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/plot_export.py" line="183"/>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/plot_export.py" line="184"/>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/plot_export.py" line="186"/>
        <source>Save the plot</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/plot_export.py" line="195"/>
        <source>Cannot save the plot</source>
        <translation>无法保存图表</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/plot_export.py" line="196"/>
        <source>%1 could not be written: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>FineTunePanel</name>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="44"/>
        <source>Teach the network your handwriting</source>
        <translation>教网络认识你的笔迹</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="56"/>
        <source>How much of each training batch is your digits; the rest is MNIST, so the network keeps reading everyone else&apos;s handwriting</source>
        <translation>每个训练批次中你的数字所占的比例；其余是 MNIST，这样网络仍能认出别人的笔迹</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="64"/>
        <source>Your digits kept aside, never trained on: the accuracy before and after is measured on them</source>
        <translation>留出的你的数字，从不用于训练：前后的准确率都在它们上面测量</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="76"/>
        <source>Small: the network adjusts what it knows instead of starting over</source>
        <translation>取小值：网络是在已学到的基础上调整，而不是从头开始</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="80"/>
        <source>Fine-tune on my digits</source>
        <translation>用我的数字微调</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="83"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="97"/>
        <source>epoch (0: before)</source>
        <translation>轮次（0：微调前）</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="98"/>
        <source>accuracy on your held-out digits</source>
        <translation>留出的你的数字上的准确率</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="116"/>
        <source>Your held-out digits: true value, then what the model said before → after</source>
        <translation>留出的你的数字：真实值，然后是模型微调前 → 微调后的判断</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="119"/>
        <source>Your digits in each batch</source>
        <translation>每批中你的数字</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="120"/>
        <source>Held out to measure</source>
        <translation>留出用于测量</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="121"/>
        <source>Epochs</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="122"/>
        <source>Learning rate (Adam)</source>
        <translation>学习率（Adam）</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="160"/>
        <source>Starts from: %1</source>
        <translation>起点：%1</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="162"/>
        <location filename="../../gui/own/fine_tune_panel.py" line="175"/>
        <source>No model yet: train one or open a saved model.</source>
        <translation>还没有模型：训练一个或打开已保存的模型。</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="173"/>
        <source>Waiting for TensorFlow to load.</source>
        <translation>正在等待 TensorFlow 加载。</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="177"/>
        <source>This model came from a Keras file: fine-tuning works on TensorDesk&apos;s own models.</source>
        <translation>这个模型来自 Keras 文件：微调只适用于 TensorDesk 自己的模型。</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="179"/>
        <source>The current model is an autoencoder; fine-tuning needs a classifier.</source>
        <translation>当前模型是自编码器；微调需要分类器。</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="181"/>
        <source>Training is running: fine-tune when it has finished.</source>
        <translation>正在训练：请在训练结束后再微调。</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="183"/>
        <source>Collect at least two examples of a digit (ideally ten of each) in the Draw view.</source>
        <translation>请在“绘制”页为某个数字至少收集两个样例（最好每个数字十个）。</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="232"/>
        <source>Fine-tuning a copy of the model on your digits…</source>
        <translation>正在用你的数字微调模型的副本…</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="251"/>
        <source>Fine-tuning stopped; the current model is unchanged.</source>
        <translation>微调已停止；当前模型没有改变。</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="261"/>
        <source>On your %1 held-out digits: &lt;b&gt;%2&lt;/b&gt; before → &lt;b&gt;%3&lt;/b&gt; after. MNIST test digits: %4 → %5.</source>
        <translation>在你留出的 %1 个数字上：微调前 &lt;b&gt;%2&lt;/b&gt; → 微调后 &lt;b&gt;%3&lt;/b&gt;。MNIST 测试数字：%4 → %5。</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="265"/>
        <source>Draw now uses the fine-tuned model; File → Save model keeps it.</source>
        <translation>“绘制”页现在使用微调后的模型；用“文件 → 保存模型”可保留它。</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="277"/>
        <source>%1, fine-tuned on your digits</source>
        <translation>%1，已用你的数字微调</translation>
    </message>
    <message>
        <location filename="../../gui/own/fine_tune_panel.py" line="288"/>
        <source>Fine-tuning failed: %1</source>
        <translation>微调失败：%1</translation>
    </message>
</context>
<context>
    <name>Gallery</name>
    <message>
        <location filename="../../gui/analysis/evaluation_view.py" line="154"/>
        <source>Test image #%1: labelled %2, predicted %3 with %4 confidence</source>
        <translation>测试图片 #%1：标签 %2，预测 %3，置信度 %4</translation>
    </message>
</context>
<context>
    <name>HistogramGrid</name>
    <message>
        <location filename="../../gui/widgets/histogram_grid.py" line="122"/>
        <source>row</source>
        <translation>行</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/histogram_grid.py" line="122"/>
        <source>column</source>
        <translation>列</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/histogram_grid.py" line="122"/>
        <source>bin from</source>
        <translation>区间起点</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/histogram_grid.py" line="122"/>
        <source>bin to</source>
        <translation>区间终点</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/histogram_grid.py" line="122"/>
        <source>count</source>
        <translation>计数</translation>
    </message>
</context>
<context>
    <name>HistogramsView</name>
    <message>
        <location filename="../../gui/analysis/histograms_view.py" line="31"/>
        <source>Start a run in the Train tab: each layer&apos;s weights and activations appear here as they change.</source>
        <translation>在“训练”页开始一次训练：每层的权重和激活值会随变化显示在这里。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/histograms_view.py" line="35"/>
        <source>count</source>
        <translation>计数</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/histograms_view.py" line="35"/>
        <location filename="../../gui/analysis/histograms_view.py" line="39"/>
        <source>value</source>
        <translation>数值</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/histograms_view.py" line="39"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/histograms_view.py" line="107"/>
        <source>%1: the weights at step %2 of the run&apos;s snapshots (the dashed line). Bands: min–max, 7–93%, 16–84%, 31–69% of the values; line: the median.</source>
        <translation>%1：该运行快照中第 %2 步的权重（虚线处）。色带：最小–最大、7–93%、16–84%、31–69% 的数值；线：中位数。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/histograms_view.py" line="140"/>
        <source>%1: waiting for the first histograms…</source>
        <translation>%1：等待第一批直方图…</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/histograms_view.py" line="151"/>
        <source>%1: step %2. Bands: min–max, 7–93%, 16–84%, 31–69% of the values; line: the median.</source>
        <translation>%1：第 %2 步。色带：数值的最小–最大、7–93%、16–84%、31–69%；线：中位数。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/histograms_view.py" line="186"/>
        <source>%1 · %2 at step %3</source>
        <translation>%1 · %2，第 %3 步</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../../gui/train/history.py" line="59"/>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="60"/>
        <source>Where runs are recorded</source>
        <translation>训练记录保存的位置</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="62"/>
        <source>keep each run&apos;s model</source>
        <translation>保留每次训练的模型</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="65"/>
        <source>A run&apos;s curves take a few kB; its model from 30 kB (softmax) to 13 MB (classic CNN). Without it, a run can be shown but not opened.</source>
        <translation>一次训练的曲线只占几 kB；模型从 30 kB（softmax）到 13 MB（经典卷积网络）不等。不保留模型时，训练可以显示但不能打开。</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="69"/>
        <source>Filter: label, data set, state…</source>
        <translation>筛选：名称、数据集、状态…</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="72"/>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="72"/>
        <source>label</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="72"/>
        <source>data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="73"/>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="73"/>
        <source>state</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="73"/>
        <source>steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="74"/>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="74"/>
        <source>snapshots</source>
        <translation>快照</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="98"/>
        <source>Select runs of two Repeat ×N groups to compare them: the difference of their mean test accuracies with its 95% confidence interval (Welch)</source>
        <translation>选中两个“重复 ×N”组中的训练即可比较它们：平均测试准确率之差及其 95% 置信区间（Welch 法）</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="101"/>
        <location filename="../../gui/train/history.py" line="198"/>
        <source>Reading the history…</source>
        <translation>正在读取历史记录…</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="105"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="105"/>
        <source>Draw the run beside the others (double-click)</source>
        <translation>把这次训练画在其他曲线旁边（双击）</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="107"/>
        <source>Open in Draw</source>
        <translation>在“绘制”中打开</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="108"/>
        <source>Draw with this run&apos;s model</source>
        <translation>用这次训练的模型来识别绘图</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="109"/>
        <source>Run again</source>
        <translation>再训练一次</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="110"/>
        <source>Train again with the same settings</source>
        <translation>用相同设置再训练一次</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="111"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="111"/>
        <source>Give the run a name</source>
        <translation>给这次训练起个名字</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="113"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="114"/>
        <source>Delete the selected runs (Delete); Undo brings them back</source>
        <translation>删除选中的训练（Delete）；撤销可恢复</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="116"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="116"/>
        <source>Bring back the last deleted runs</source>
        <translation>恢复最近删除的训练</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="118"/>
        <source>Delete model</source>
        <translation>删除模型</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="119"/>
        <source>Keep the run&apos;s curves, free its model&apos;s disk space</source>
        <translation>保留训练曲线，释放模型占用的磁盘空间</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="122"/>
        <source>Delete snapshots</source>
        <translation>删除快照</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="123"/>
        <source>Keep the run&apos;s curves and final model, free the weights it kept along training</source>
        <translation>保留这次运行的曲线和最终模型，释放训练过程中保存的权重</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="183"/>
        <source>Runs folder: %1</source>
        <translation>训练记录文件夹：%1</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="187"/>
        <source>Folder for recorded runs</source>
        <translation>保存训练记录的文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="221"/>
        <source>%1 runs; their models take %2, their snapshots %3.</source>
        <translation>%1 次运行；模型占用 %2，快照占用 %3。</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="230"/>
        <source>Latest repeat ×%1: %2 ± %3.</source>
        <translation>最近一次重复 ×%1：%2 ± %3。</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="232"/>
        <source>History is off.</source>
        <translation>历史记录已关闭。</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="237"/>
        <source>Repeat ×%1 of these settings: %2 ± %3 (mean ± standard deviation)</source>
        <translation>这些设置重复了 ×%1 次：%2 ± %3（平均值 ± 标准差）</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="288"/>
        <source>History is off: %1</source>
        <translation>历史记录已关闭：%1</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="345"/>
        <source>To compare %1 and %2, each needs at least two finished runs with a test accuracy.</source>
        <translation>要比较 %1 和 %2，每组至少需要两次已完成且有测试准确率的训练。</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="378"/>
        <source>Rename run</source>
        <translation>重命名训练</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="378"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="401"/>
        <source>Deleted %1 run(s); Undo brings them back.</source>
        <translation>已删除 %1 次训练；撤销可恢复。</translation>
    </message>
    <message>
        <location filename="../../gui/train/history.py" line="440"/>
        <source>Freed %1 MB.</source>
        <translation>已释放 %1 MB。</translation>
    </message>
</context>
<context>
    <name>InsightPanel</name>
    <message>
        <location filename="../../gui/draw/insight_panel.py" line="58"/>
        <source>what the network sees</source>
        <translation>网络看到的</translation>
    </message>
    <message>
        <location filename="../../gui/draw/insight_panel.py" line="59"/>
        <source>saliency</source>
        <translation>显著图</translation>
    </message>
    <message>
        <location filename="../../gui/draw/insight_panel.py" line="92"/>
        <location filename="../../gui/draw/insight_panel.py" line="106"/>
        <source>Draw a digit to see what the network looks at.</source>
        <translation>画一个数字，看看网络关注哪里。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/insight_panel.py" line="107"/>
        <source>No model yet: train one or load a saved model.</source>
        <translation>还没有模型：训练一个或加载已保存的模型。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/insight_panel.py" line="117"/>
        <source>saliency for “%1”</source>
        <translation>“%1”的显著图</translation>
    </message>
    <message>
        <location filename="../../gui/draw/insight_panel.py" line="119"/>
        <source>Red pixels: more ink there would raise the score of “%1”; blue would lower it.</source>
        <translation>红色像素：那里多一点墨迹会提高“%1”的得分；蓝色会降低它。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/insight_panel.py" line="122"/>
        <source>This model has no convolution layers, so there are no feature maps to show: train a CNN to see them.</source>
        <translation>这个模型没有卷积层，所以没有特征图可显示：训练一个卷积神经网络来查看。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/insight_panel.py" line="141"/>
        <source>first layer&apos;s %1 filters (%2×%2)</source>
        <translation>第一层的 %1 个卷积核（%2×%2）</translation>
    </message>
    <message>
        <location filename="../../gui/draw/insight_panel.py" line="148"/>
        <source>%1: %2 feature maps of %3×%4</source>
        <translation>%1：%2 张 %3×%4 的特征图</translation>
    </message>
</context>
<context>
    <name>JobViewMixin</name>
    <message>
        <location filename="../../gui/analysis/job_view.py" line="9"/>
        <source>Of the previous model: compute again for the current one.</source>
        <translation>这是上一个模型的结果：请为当前模型重新计算。</translation>
    </message>
</context>
<context>
    <name>LabControls</name>
    <message>
        <location filename="../../gui/labs/lab_pane.py" line="34"/>
        <location filename="../../gui/labs/lab_pane.py" line="89"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../gui/labs/lab_pane.py" line="36"/>
        <source>Play / pause (Space)</source>
        <translation>播放 / 暂停（空格）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/lab_pane.py" line="37"/>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <location filename="../../gui/labs/lab_pane.py" line="39"/>
        <source>One step, then pause (Right arrow)</source>
        <translation>走一步后暂停（右方向键）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/lab_pane.py" line="40"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../gui/labs/lab_pane.py" line="42"/>
        <source>Back to step 0 with the same seed (Home)</source>
        <translation>用相同种子回到第 0 步（Home）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/lab_pane.py" line="43"/>
        <source>Defaults</source>
        <translation>默认值</translation>
    </message>
    <message>
        <location filename="../../gui/labs/lab_pane.py" line="45"/>
        <source>Every setting back to the seed tutorial&apos;s</source>
        <translation>所有设置恢复为种子教程的设置</translation>
    </message>
    <message>
        <location filename="../../gui/labs/lab_pane.py" line="50"/>
        <source>Animation speed: slow it down to narrate</source>
        <translation>动画速度：讲解时调慢</translation>
    </message>
    <message>
        <location filename="../../gui/labs/lab_pane.py" line="53"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../../gui/labs/lab_pane.py" line="83"/>
        <source>full</source>
        <translation>全速</translation>
    </message>
    <message>
        <location filename="../../gui/labs/lab_pane.py" line="83"/>
        <source>%1 steps/s</source>
        <translation>%1 步/秒</translation>
    </message>
    <message>
        <location filename="../../gui/labs/lab_pane.py" line="89"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>LabPane</name>
    <message>
        <location filename="../../gui/labs/lab_pane.py" line="136"/>
        <source>One step (lab)</source>
        <translation>单步（实验室）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/lab_pane.py" line="137"/>
        <source>Reset the lab</source>
        <translation>重置实验室</translation>
    </message>
</context>
<context>
    <name>LandscapeView</name>
    <message>
        <location filename="../../gui/analysis/landscape_view.py" line="45"/>
        <source>random, filter-normalised</source>
        <translation>随机方向（按滤波器归一化）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/landscape_view.py" line="46"/>
        <source>Random directions scaled to each filter&apos;s norm (Li et al. 2018)</source>
        <translation>按每个滤波器的范数缩放的随机方向（Li 等，2018）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/landscape_view.py" line="48"/>
        <source>PCA of the training path</source>
        <translation>训练路径的主成分分析（PCA）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/landscape_view.py" line="50"/>
        <source>Random: two random directions scaled unit by unit to the weights&apos; own size, so the picture does not depend on how the weights are scaled. PCA: the plane in which training actually moved (needs a run trained in this window, or a model saved with its trajectory).</source>
        <translation>随机：两个随机方向，按单元缩放到权重自身的大小，因此图像与权重的缩放无关。PCA：训练实际移动所在的平面（需要在本窗口中训练的模型，或保存了轨迹的模型）。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/landscape_view.py" line="58"/>
        <source>Points a side: the loss is computed grid × grid times.</source>
        <translation>每边的点数：损失计算 网格 × 网格 次。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/landscape_view.py" line="64"/>
        <source>Test images the loss is averaged over at every point.</source>
        <translation>每个点上用于平均损失的测试图片数。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/landscape_view.py" line="65"/>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/landscape_view.py" line="67"/>
        <source>Compute the loss around the current model&apos;s weights (Ctrl+L)</source>
        <translation>计算当前模型权重周围的损失（Ctrl+L）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/landscape_view.py" line="70"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/landscape_view.py" line="76"/>
        <source>Train or open a model, then compute the loss around its weights.</source>
        <translation>训练或打开一个模型，然后计算其权重周围的损失。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/landscape_view.py" line="80"/>
        <source>α (direction 1)</source>
        <translation>α（方向 1）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/landscape_view.py" line="80"/>
        <source>β (direction 2)</source>
        <translation>β（方向 2）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/landscape_view.py" line="86"/>
        <source>training path</source>
        <translation>训练路径</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/landscape_view.py" line="99"/>
        <source>Directions</source>
        <translation>方向</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/landscape_view.py" line="100"/>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/landscape_view.py" line="101"/>
        <source>Test images</source>
        <translation>测试图片</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/landscape_view.py" line="225"/>
        <source>%1: loss %2 at the trained weights (star), %3–%4 over the slice.</source>
        <translation>%1：训练后权重处（星号）的损失为 %2，整个切面上为 %3–%4。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/landscape_view.py" line="229"/>
        <source>Red: the training path, from the first weights to the star.</source>
        <translation>红色：训练路径，从初始权重到星号。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/landscape_view.py" line="231"/>
        <source>No training path: this model was not trained in this window with its path kept.</source>
        <translation>没有训练路径：这个模型不是在本窗口中训练并保留路径的。</translation>
    </message>
</context>
<context>
    <name>LearnPage</name>
    <message>
        <location filename="../../gui/classroom/learn.py" line="24"/>
        <location filename="../../gui/classroom/learn.py" line="25"/>
        <source>Fine-tune on the class&apos;s digits</source>
        <translation>用全班的数字微调</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/learn.py" line="29"/>
        <source>Add to My digits</source>
        <translation>加入“我的数字”</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/learn.py" line="31"/>
        <source>Copy the class&apos;s labelled digits into My digits</source>
        <translation>把全班带标签的数字复制到“我的数字”</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/learn.py" line="70"/>
        <source>%1 digits added to My digits.</source>
        <translation>已把 %1 个数字加入“我的数字”。</translation>
    </message>
</context>
<context>
    <name>LectureMode</name>
    <message>
        <location filename="../../gui/lecture.py" line="21"/>
        <source>Presentation mode</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <location filename="../../gui/lecture.py" line="24"/>
        <source>Larger</source>
        <translation>放大</translation>
    </message>
    <message>
        <location filename="../../gui/lecture.py" line="25"/>
        <source>Smaller</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location filename="../../gui/lecture.py" line="26"/>
        <source>Normal size</source>
        <translation>正常大小</translation>
    </message>
    <message>
        <location filename="../../gui/lecture.py" line="30"/>
        <source>High-contrast light</source>
        <translation>高对比度浅色</translation>
    </message>
    <message>
        <location filename="../../gui/lecture.py" line="31"/>
        <source>High-contrast dark</source>
        <translation>高对比度深色</translation>
    </message>
    <message>
        <location filename="../../gui/lecture.py" line="32"/>
        <source>Switch light / dark</source>
        <translation>切换浅色 / 深色</translation>
    </message>
    <message>
        <location filename="../../gui/lecture.py" line="36"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../gui/lecture.py" line="44"/>
        <source>Presentation scale</source>
        <translation>演示缩放</translation>
    </message>
    <message>
        <location filename="../../gui/lecture.py" line="50"/>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <location filename="../../gui/lecture.py" line="55"/>
        <location filename="../../gui/lecture.py" line="111"/>
        <location filename="../../gui/lecture.py" line="116"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../gui/lecture.py" line="111"/>
        <source>The new language applies from the next start (a job is running now).</source>
        <translation>新语言将在下次启动时生效（现在有任务在运行）。</translation>
    </message>
    <message>
        <location filename="../../gui/lecture.py" line="116"/>
        <source>Switching the language now reopens the window: the runs in the list and an unsaved model are cleared. Switch now? (No: at the next start.)</source>
        <translation>现在切换语言会重新打开窗口：列表中的训练和未保存的模型都会被清除。现在切换吗？（否：下次启动时切换。）</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="68"/>
        <source>Loading TensorFlow…</source>
        <translation>正在加载 TensorFlow…</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="194"/>
        <source>%1  ·  TensorFlow %2</source>
        <translation>%1  ·  TensorFlow %2</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="195"/>
        <source>TensorFlow is ready.</source>
        <translation>TensorFlow 已就绪。</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="234"/>
        <source>The shipped model could not be loaded, so Draw waits for a trained or opened model: %1</source>
        <translation>无法加载随附的模型，因此“绘制”需等待训练或打开一个模型：%1</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="239"/>
        <source>TensorFlow failed to load</source>
        <translation>TensorFlow 加载失败</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="240"/>
        <source>TensorFlow could not be loaded:
%1</source>
        <translation>无法加载 TensorFlow：
%1</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="246"/>
        <source>%1 of %2</source>
        <translation>%2 中的 %1</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="248"/>
        <source>%1: %2 train / %3 validation / %4 test</source>
        <translation>%1：训练 %2 / 验证 %3 / 测试 %4</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="313"/>
        <source>Close anyway?</source>
        <translation>仍然关闭？</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="316"/>
        <source>Don&apos;t ask again</source>
        <translation>不再询问</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="69"/>
        <source>shipped model (pre-trained, %1 test accuracy)</source>
        <translation>随附模型（预训练，测试准确率 %1）</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="72"/>
        <source>run %1 at step %2</source>
        <translation>运行 %1 的第 %2 步</translation>
    </message>
    <message>
        <location filename="../../gui/main_window.py" line="267"/>
        <source>TensorDesk %1 — a desktop lab for learning neural networks with TensorFlow.</source>
        <translation>TensorDesk %1 — 用 TensorFlow 学习神经网络的桌面实验室。</translation>
    </message>
</context>
<context>
    <name>MenuBar</name>
    <message>
        <location filename="../../gui/menus.py" line="21"/>
        <source>Start / pause</source>
        <translation>开始 / 暂停</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="22"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="23"/>
        <source>Reset settings</source>
        <translation>重置设置</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="24"/>
        <source>Evaluate on the test set</source>
        <translation>在测试集上评估</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="25"/>
        <source>Compute the loss landscape</source>
        <translation>计算损失地形</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="28"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="32"/>
        <source>Open mission…</source>
        <translation>打开任务…</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="34"/>
        <source>Open playground experiment…</source>
        <translation>打开游乐场实验…</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="36"/>
        <source>Paste playground code…</source>
        <translation>粘贴游乐场代码…</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="39"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="41"/>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="45"/>
        <source>&amp;Draw</source>
        <translation>绘图(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="49"/>
        <source>Clear canvas</source>
        <translation>清空画布</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="50"/>
        <source>Undo stroke</source>
        <translation>撤销笔画</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="51"/>
        <source>Random test digit</source>
        <translation>随机测试数字</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="52"/>
        <source>Eraser</source>
        <translation>橡皮擦</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="53"/>
        <source>Inside the network</source>
        <translation>网络内部</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="61"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="67"/>
        <source>Missions</source>
        <translation>任务</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="77"/>
        <source>&amp;Presets</source>
        <translation>预设(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="79"/>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="91"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="92"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../gui/menus.py" line="93"/>
        <source>About TensorDesk</source>
        <translation>关于 TensorDesk</translation>
    </message>
</context>
<context>
    <name>MissionsPanel</name>
    <message>
        <location filename="../../gui/missions/panel.py" line="81"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="83"/>
        <source>Open a mission file (a lecturer&apos;s own)</source>
        <translation>打开一个任务文件（例如讲师自己编写的）</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="92"/>
        <source>Set it up</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="94"/>
        <source>Open the view this step uses, with its settings</source>
        <translation>打开这一步使用的视图，并填入它的设置</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="97"/>
        <source>Predict first</source>
        <translation>先预测</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="102"/>
        <location filename="../../gui/missions/panel.py" line="462"/>
        <source>Lock in my prediction</source>
        <translation>锁定我的预测</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="111"/>
        <source>Your answer</source>
        <translation>你的答案</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="118"/>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="128"/>
        <source>Check my work</source>
        <translation>检查我的结果</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="130"/>
        <source>The step is also checked each time a run, a lab or an evaluation ends</source>
        <translation>每当一次训练、一个实验或一次评估结束时，也会自动检查这一步</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="135"/>
        <source>Back</source>
        <translation>上一步</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="138"/>
        <source>Next</source>
        <translation>下一步</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="141"/>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="143"/>
        <source>Go on without passing this step (it is marked as skipped)</source>
        <translation>不通过这一步直接继续（这一步会被标记为已跳过）</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="145"/>
        <source>Start over</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="147"/>
        <source>Forget this mission&apos;s progress and predictions</source>
        <translation>清除这个任务的进度和预测</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="209"/>
        <source>Cannot open the mission</source>
        <translation>无法打开任务</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="224"/>
        <source>Open mission</source>
        <translation>打开任务</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="226"/>
        <source>TensorDesk missions (*.json);;All files (*)</source>
        <translation>TensorDesk 任务 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="293"/>
        <source>Cannot set up the step</source>
        <translation>无法设置这一步</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="328"/>
        <source>Make your prediction first.</source>
        <translation>请先做出预测。</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="328"/>
        <source>Choose an answer above and lock it in; then run the experiment.</source>
        <translation>在上面选择一个答案并锁定，然后运行实验。</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="346"/>
        <source>Your missions&apos; progress could not be saved: %1</source>
        <translation>无法保存任务进度：%1</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="361"/>
        <source>You predicted “%1” — right.</source>
        <translation>你预测的是“%1”——正确。</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="363"/>
        <source>You predicted “%1”; what happened: “%2”.</source>
        <translation>你预测的是“%1”；实际结果是：“%2”。</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="365"/>
        <location filename="../../gui/missions/panel.py" line="417"/>
        <source>✔ Passed</source>
        <translation>✔ 通过</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="367"/>
        <source>✘ Not yet</source>
        <translation>✘ 还没有</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="385"/>
        <source>From seed %1</source>
        <translation>来自种子教程 %1</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="387"/>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="417"/>
        <source>You passed this step earlier.</source>
        <translation>你之前已经通过了这一步。</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="419"/>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="421"/>
        <source>Make your prediction, then run the experiment.</source>
        <translation>先做出预测，再运行实验。</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="432"/>
        <source>Mission complete: %1 of %2 steps passed</source>
        <translation>任务完成：%2 步中通过了 %1 步</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="434"/>
        <source>%1 of %2 steps done</source>
        <translation>已完成 %1 / %2 步</translation>
    </message>
    <message>
        <location filename="../../gui/missions/panel.py" line="462"/>
        <source>Prediction locked in</source>
        <translation>预测已锁定</translation>
    </message>
    <message>
        <location filename="../../gui/missions/dock.py" line="17"/>
        <source>Missions</source>
        <translation>任务</translation>
    </message>
</context>
<context>
    <name>ModelFiles</name>
    <message>
        <location filename="../../gui/model_files.py" line="36"/>
        <source>&amp;Open model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="37"/>
        <source>&amp;Save model…</source>
        <translation>保存模型(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="38"/>
        <source>&amp;Export as Python script…</source>
        <translation>导出为 Python 脚本(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="40"/>
        <source>Export &amp;model (.keras, .tflite)…</source>
        <translation>导出模型(&amp;M)（.keras、.tflite）…</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="42"/>
        <source>Write the current model as a standard Keras file, or as TensorFlow Lite for phones</source>
        <translation>把当前模型写成标准的 Keras 文件，或写成供手机使用的 TensorFlow Lite 文件</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="44"/>
        <source>Open the s&amp;hipped model</source>
        <translation>打开随附模型(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="45"/>
        <source>The pre-trained digit model that comes with TensorDesk</source>
        <translation>TensorDesk 自带的预训练数字模型</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="46"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="100"/>
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="101"/>
        <source>Models (*.tdm *.keras);;TensorDesk models (*.tdm);;Keras models (*.keras);;All files (*)</source>
        <translation>模型 (*.tdm *.keras);;TensorDesk 模型 (*.tdm);;Keras 模型 (*.keras);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="111"/>
        <source>Cannot open model</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="118"/>
        <source>Loaded %1</source>
        <translation>已加载 %1</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="133"/>
        <source>Cannot open the shipped model</source>
        <translation>无法打开随附模型</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="135"/>
        <source>Using the shipped model</source>
        <translation>正在使用随附模型</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="144"/>
        <source>Save model</source>
        <translation>保存模型</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="146"/>
        <location filename="../../gui/model_files.py" line="176"/>
        <source>TensorDesk models (*.tdm)</source>
        <translation>TensorDesk 模型 (*.tdm)</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="161"/>
        <location filename="../../gui/model_files.py" line="190"/>
        <source>Cannot save model</source>
        <translation>无法保存模型</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="164"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="174"/>
        <source>Save the edited model</source>
        <translation>保存编辑后的模型</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="184"/>
        <source>The edited network belongs to a model that is no longer the current one; it was not saved.</source>
        <translation>编辑过的网络属于一个已不是当前模型的模型，因此没有保存。</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="193"/>
        <source>Saved the edited model as %1</source>
        <translation>编辑后的模型已保存为 %1</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="201"/>
        <source>Keras model (*.keras)</source>
        <translation>Keras 模型 (*.keras)</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="201"/>
        <source>TensorFlow Lite model (*.tflite)</source>
        <translation>TensorFlow Lite 模型 (*.tflite)</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="202"/>
        <source>Export model</source>
        <translation>导出模型</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="217"/>
        <source>Cannot export the model</source>
        <translation>无法导出模型</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="219"/>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="228"/>
        <source>Export the experiment as a Python script</source>
        <translation>把实验导出为 Python 脚本</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="229"/>
        <source>Python scripts (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="239"/>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <location filename="../../gui/model_files.py" line="241"/>
        <source>Exported %1: run it with  python %1</source>
        <translation>已导出 %1：用  python %1  运行</translation>
    </message>
</context>
<context>
    <name>MyDigitsView</name>
    <message>
        <location filename="../../gui/own/my_digits_view.py" line="61"/>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <location filename="../../gui/own/my_digits_view.py" line="62"/>
        <source>Keep your digits in another folder (one folder per digit inside)</source>
        <translation>把你的数字保存到另一个文件夹（其中每个数字一个子文件夹）</translation>
    </message>
    <message>
        <location filename="../../gui/own/my_digits_view.py" line="64"/>
        <source>Show in file manager</source>
        <translation>在文件管理器中显示</translation>
    </message>
    <message>
        <location filename="../../gui/own/my_digits_view.py" line="68"/>
        <source>All digits</source>
        <translation>全部数字</translation>
    </message>
    <message>
        <location filename="../../gui/own/my_digits_view.py" line="90"/>
        <source>No digits collected yet. In the Draw view, draw a digit and press “This is a …” with its value to keep it here.</source>
        <translation>还没有收集数字。在“绘制”页画一个数字，然后按“这是 …”中对应的数字，就会保存到这里。</translation>
    </message>
    <message>
        <location filename="../../gui/own/my_digits_view.py" line="94"/>
        <location filename="../../gui/own/my_digits_view.py" line="249"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../gui/own/my_digits_view.py" line="96"/>
        <source>Delete the selected digits (Delete); Undo brings them back (Ctrl+Z)</source>
        <translation>删除选中的数字（Delete）；撤销可恢复（Ctrl+Z）</translation>
    </message>
    <message>
        <location filename="../../gui/own/my_digits_view.py" line="98"/>
        <source>Undo delete</source>
        <translation>撤销删除</translation>
    </message>
    <message>
        <location filename="../../gui/own/my_digits_view.py" line="103"/>
        <source>Relabel as…</source>
        <translation>改标为…</translation>
    </message>
    <message>
        <location filename="../../gui/own/my_digits_view.py" line="106"/>
        <source>Move the selected digits to another digit&apos;s folder</source>
        <translation>把选中的数字移到另一个数字的文件夹</translation>
    </message>
    <message>
        <location filename="../../gui/own/my_digits_view.py" line="112"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <location filename="../../gui/own/my_digits_view.py" line="124"/>
        <source>Your digits</source>
        <translation>你的数字</translation>
    </message>
    <message>
        <location filename="../../gui/own/my_digits_view.py" line="166"/>
        <source>Folder: %1</source>
        <translation>文件夹：%1</translation>
    </message>
    <message>
        <location filename="../../gui/session.py" line="197"/>
        <source>The drawing was not saved: %1</source>
        <translation>这幅画没有保存：%1</translation>
    </message>
    <message>
        <location filename="../../gui/session.py" line="201"/>
        <source>Saved as a %1 in your digits (%2 of them, %3 in all).</source>
        <translation>已作为数字 %1 存入你的数字（该数字共 %2 个，总共 %3 个）。</translation>
    </message>
    <message>
        <location filename="../../gui/own/my_digits_view.py" line="213"/>
        <source>Deleted %1 digit(s); Undo delete (Ctrl+Z) brings them back.</source>
        <translation>已删除 %1 个数字；“撤销删除”（Ctrl+Z）可恢复。</translation>
    </message>
    <message>
        <location filename="../../gui/own/my_digits_view.py" line="233"/>
        <source>%1 digit(s) relabelled as %2.</source>
        <translation>%1 个数字已改标为 %2。</translation>
    </message>
    <message>
        <location filename="../../gui/own/my_digits_view.py" line="250"/>
        <source>Relabel as</source>
        <translation>改标为</translation>
    </message>
    <message>
        <location filename="../../gui/own/my_digits_view.py" line="257"/>
        <source>Folder for your digits</source>
        <translation>保存你的数字的文件夹</translation>
    </message>
</context>
<context>
    <name>NetworkDiagram</name>
    <message>
        <location filename="../../gui/labs/playground_network.py" line="173"/>
        <source>Input %1, drawn over the plane</source>
        <translation>输入 %1，画在整个平面上</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_network.py" line="186"/>
        <location filename="../../gui/labs/playground_network.py" line="210"/>
        <source>output %1</source>
        <translation>输出 %1</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_network.py" line="189"/>
        <source>Click to type its bias.</source>
        <translation>单击以输入它的偏置。</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_network.py" line="201"/>
        <source>weight %1 → %2: %3 (click to type a new one)</source>
        <translation>权重 %1 → %2：%3（单击以输入新值）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_network.py" line="220"/>
        <source>Bias</source>
        <translation>偏置</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_network.py" line="220"/>
        <source>Bias of %1:</source>
        <translation>%1 的偏置：</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_network.py" line="228"/>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_network.py" line="228"/>
        <source>Weight %1 → %2:</source>
        <translation>权重 %1 → %2：</translation>
    </message>
</context>
<context>
    <name>NeuronPanel</name>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="62"/>
        <source>Click a unit to see what it computes.</source>
        <translation>点击一个单元，查看它计算了什么。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="68"/>
        <source>what this neuron looks for</source>
        <translation>这个神经元在寻找什么</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="78"/>
        <source>Switch off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="80"/>
        <location filename="../../gui/draw/neuron_panel.py" line="407"/>
        <source>The unit&apos;s output no longer reaches the next layer</source>
        <translation>该单元的输出不再传到下一层</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="88"/>
        <source>Scale weights</source>
        <translation>缩放权重</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="90"/>
        <source>Multiply the unit&apos;s incoming weights</source>
        <translation>把该单元的输入权重乘以这个数</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="98"/>
        <source>Shift bias</source>
        <translation>平移偏置</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="100"/>
        <source>Add to the unit&apos;s bias</source>
        <translation>加到该单元的偏置上</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="133"/>
        <source>Prune</source>
        <translation>剪枝</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="135"/>
        <source>Set this share of the smallest weights to zero</source>
        <translation>把这一比例的最小权重置为零</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="144"/>
        <source>The logits are divided by T before the softmax: below 1 the network is surer, above 1 less sure; the answer stays the same</source>
        <translation>在 softmax 之前把 logits 除以 T：小于 1 时网络更确定，大于 1 时更不确定；答案保持不变</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="148"/>
        <source>Prune the smallest</source>
        <translation>剪去最小的</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="152"/>
        <source>Softmax temperature</source>
        <translation>Softmax 温度</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="159"/>
        <source>Undo edit</source>
        <translation>撤销编辑</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="161"/>
        <source>Undo the last edit (Ctrl+Shift+Z)</source>
        <translation>撤销上一次编辑（Ctrl+Shift+Z）</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="164"/>
        <source>Undo the last edit to the network (Draw → Neurons)</source>
        <translation>撤销对网络的上一次编辑（绘图 → 神经元）</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="165"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="167"/>
        <source>Undo every edit: back to the model as it was</source>
        <translation>撤销全部编辑：回到原来的模型</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="169"/>
        <source>Save edited…</source>
        <translation>保存编辑结果…</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="171"/>
        <source>Save the edited network as a new model; its description lists the edits</source>
        <translation>把编辑后的网络另存为新模型；其描述会列出所做的编辑</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="199"/>
        <source>The edits to the previous model were dropped: a new model arrived. Save edited networks before you train or open another.</source>
        <translation>对上一个模型的编辑已被丢弃：新的模型已载入。请在训练或打开其他模型之前保存编辑过的网络。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="211"/>
        <source>Training started: the edits were dropped.</source>
        <translation>训练已开始：编辑已被丢弃。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="246"/>
        <source>all weights</source>
        <translation>全部权重</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="248"/>
        <source>in %1</source>
        <translation>%1 中</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="269"/>
        <source>Draw a digit to light up the units it makes fire.</source>
        <translation>写一个数字，点亮它激发的单元。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="273"/>
        <source>Each square is a unit, brighter the more it fires for your drawing; the last row is the classes. Click a unit to see and change it.</source>
        <translation>每个方格是一个单元，它对你的手写数字激发得越强就越亮；最后一行是各个类别。点击一个单元即可查看并修改它。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="280"/>
        <source>A model is training: the neurons can be edited when it has finished.</source>
        <translation>有模型正在训练：训练结束后才能编辑神经元。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="282"/>
        <source>No model yet: train one or load a saved model.</source>
        <translation>还没有模型：请训练一个或载入已保存的模型。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="303"/>
        <source>%1 · class %2</source>
        <translation>%1 · 类别 %2</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="304"/>
        <source>%1 · unit %2</source>
        <translation>%1 · 单元 %2</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="306"/>
        <source>switched off</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="315"/>
        <source>Draw a digit to see this unit&apos;s weighted sum and output.</source>
        <translation>写一个数字，查看这个单元的加权和与输出。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="318"/>
        <source>bias b = %1</source>
        <translation>偏置 b = %1</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="319"/>
        <source>weighted sum z = x · w + b = %1</source>
        <translation>加权和 z = x · w + b = %1</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="320"/>
        <source>probability = %1</source>
        <translation>概率 = %1</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="321"/>
        <source>output a = %1, switched off: the next layer gets 0</source>
        <translation>输出 a = %1，已关闭：下一层收到 0</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="322"/>
        <source>output a = %1</source>
        <translation>输出 a = %1</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="323"/>
        <source>largest contributions x·w:</source>
        <translation>贡献最大的 x·w：</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="325"/>
        <source>pixel (%1, %2)</source>
        <translation>像素 (%1, %2)</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="326"/>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="405"/>
        <source>The output layer&apos;s units are the classes: scale or shift them instead</source>
        <translation>输出层的单元就是各个类别：请改为缩放或平移它们</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="430"/>
        <source>Measuring the test accuracy…</source>
        <translation>正在测量测试准确率…</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="443"/>
        <source>Test accuracy on %1 embedded test digits: %2</source>
        <translation>在 %1 个内置测试数字上的测试准确率：%2</translation>
    </message>
    <message>
        <location filename="../../gui/draw/neuron_panel.py" line="446"/>
        <source>(before the edits: %1)</source>
        <translation>（编辑前：%1）</translation>
    </message>
</context>
<context>
    <name>PlaygroundControls</name>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="59"/>
        <source>class %1</source>
        <translation>类别 %1</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="60"/>
        <source>The class of the points your clicks add</source>
        <translation>单击添加的点所属的类别</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="61"/>
        <source>Clear points</source>
        <translation>清除点</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="62"/>
        <source>Remove every point you added</source>
        <translation>删除你添加的所有点</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="64"/>
        <location filename="../../gui/labs/playground_controls.py" line="72"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="65"/>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="66"/>
        <source>Trained on</source>
        <translation>用于训练</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="67"/>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="68"/>
        <source>Data seed</source>
        <translation>数据种子</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="69"/>
        <source>New points</source>
        <translation>新点</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="83"/>
        <source>Input features</source>
        <translation>输入特征</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="89"/>
        <source>Hidden layers (0: the inputs feed the output directly)</source>
        <translation>隐藏层数（0：输入直接连到输出）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="93"/>
        <source>Hidden layers</source>
        <translation>隐藏层</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="100"/>
        <source>Neurons in this layer (1–%1)</source>
        <translation>此层的神经元数（1–%1）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="104"/>
        <source>linear</source>
        <translation>线性</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="105"/>
        <source>Layer %1</source>
        <translation>第 %1 层</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="120"/>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="129"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="135"/>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="137"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="137"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="138"/>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="138"/>
        <source>Regularisation</source>
        <translation>正则化</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="139"/>
        <source>Its rate</source>
        <translation>其系数</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="139"/>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="140"/>
        <source>Weights seed</source>
        <translation>权重种子</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="140"/>
        <source>Stop after epochs</source>
        <translation>训练轮次上限</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="141"/>
        <source>… or test loss below</source>
        <translation>… 或测试损失低于</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_controls.py" line="144"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
</context>
<context>
    <name>PlaygroundLab</name>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="51"/>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="51"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="53"/>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="55"/>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="59"/>
        <source>Test points: rows are the true class, columns the predicted one</source>
        <translation>测试点：行为真实类别，列为预测类别</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="68"/>
        <source>Rewind</source>
        <translation>倒回</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="69"/>
        <source>Back to epoch 0 with the same initial weights (Home)</source>
        <translation>回到第 0 个轮次，使用相同的初始权重（Home）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="70"/>
        <source>Every setting back to Playground&apos;s</source>
        <translation>所有设置恢复为游乐场的默认值</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="72"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="73"/>
        <source>Start again from new random initial weights (another seed)</source>
        <translation>从新的随机初始权重重新开始（换一个种子）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="75"/>
        <source>Copy code</source>
        <translation>复制代码</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="76"/>
        <source>The whole experiment as a short text, on the clipboard</source>
        <translation>把整个实验作为一段短文本放到剪贴板</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="77"/>
        <source>Paste code…</source>
        <translation>粘贴代码…</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="78"/>
        <source>Set the experiment from a code</source>
        <translation>用一段代码设置实验</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="79"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="79"/>
        <source>Open an experiment (.json)</source>
        <translation>打开实验（.json）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="81"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="81"/>
        <source>Save the experiment (.json)</source>
        <translation>保存实验（.json）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="83"/>
        <source>Export .keras…</source>
        <translation>导出 .keras…</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="84"/>
        <source>The trained network as a Keras model</source>
        <translation>把训练好的网络导出为 Keras 模型</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="85"/>
        <source>Export script…</source>
        <translation>导出脚本…</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="86"/>
        <source>A Python script that builds the data and trains this network</source>
        <translation>一个生成数据并训练此网络的 Python 脚本</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="88"/>
        <source>Hide controls…</source>
        <translation>隐藏控件…</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="89"/>
        <source>Choose the controls a shared experiment hides (a lecturer&apos;s lock): the learners change only the rest</source>
        <translation>选择共享实验要隐藏的控件（讲师的锁定）：学生只能改其余的设置</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="111"/>
        <source>The plane: the network&apos;s answer at every point (colour: the class it predicts, paler where it is unsure), training points filled, test points ringed. Below: every neuron&apos;s output over the same plane; edges blue for positive weights, orange for negative, thicker when larger. Hover a neuron for its formula; click an edge or a neuron to type a weight or a bias.</source>
        <translation>平面：网络在每一点的回答（颜色：预测的类别，越不确定越淡），训练点为实心，测试点为圆环。下方：每个神经元在同一平面上的输出；边为蓝色表示正权重，橙色表示负权重，越粗表示越大。悬停在神经元上可查看其公式；单击边或神经元可输入权重或偏置。</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="240"/>
        <source>Epoch %1 (step %2) · train loss %3 · test loss %4</source>
        <translation>轮次 %1（第 %2 步）· 训练损失 %3 · 测试损失 %4</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="243"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="248"/>
        <source>Regression: the loss is the mean squared error.</source>
        <translation>回归：损失为均方误差。</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="250"/>
        <source>Accuracy: train %1, test %2</source>
        <translation>准确率：训练 %1，测试 %2</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="335"/>
        <source>Hide controls</source>
        <translation>隐藏控件</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="348"/>
        <source>Ticked controls are hidden, here and wherever the experiment&apos;s code or file is opened.</source>
        <translation>勾选的控件会被隐藏，在这里以及任何打开该实验代码或文件的地方。</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="361"/>
        <source>The experiment&apos;s code is on the clipboard (%1 characters).</source>
        <translation>实验代码已放到剪贴板（%1 个字符）。</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="380"/>
        <source>Paste code</source>
        <translation>粘贴代码</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="380"/>
        <source>The experiment&apos;s code:</source>
        <translation>实验代码：</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="398"/>
        <source>Open experiment</source>
        <translation>打开实验</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="399"/>
        <source>Playground experiments (*.json);;All files (*)</source>
        <translation>游乐场实验 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="410"/>
        <source>Save experiment</source>
        <translation>保存实验</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="410"/>
        <source>Playground experiments (*.json)</source>
        <translation>游乐场实验 (*.json)</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="414"/>
        <source>Export the network</source>
        <translation>导出网络</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="414"/>
        <source>Keras models (*.keras)</source>
        <translation>Keras 模型 (*.keras)</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="425"/>
        <location filename="../../gui/labs/playground_lab.py" line="441"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="429"/>
        <source>Export as Python script</source>
        <translation>导出为 Python 脚本</translation>
    </message>
    <message>
        <location filename="../../gui/labs/playground_lab.py" line="429"/>
        <source>Python scripts (*.py)</source>
        <translation>Python 脚本 (*.py)</translation>
    </message>
</context>
<context>
    <name>PointsPanel</name>
    <message>
        <location filename="../../gui/draw/points_panel.py" line="39"/>
        <source>Choose a layer and a method, then Compute: each test digit becomes a point, placed by how that layer sees it.</source>
        <translation>选择一层和一种方法，然后点击“计算”：每个测试数字成为一个点，位置取决于该层如何看待它。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/points_panel.py" line="45"/>
        <source>Where to look: the raw pixels, a hidden layer, or the class scores</source>
        <translation>从哪里看：原始像素、某个隐藏层，或类别得分</translation>
    </message>
    <message>
        <location filename="../../gui/draw/points_panel.py" line="51"/>
        <source>PCA: the two directions of largest spread (fast). t-SNE: keeps neighbours together (a few seconds)</source>
        <translation>PCA：离散程度最大的两个方向（快）。t-SNE：让近邻保持在一起（需要几秒钟）</translation>
    </message>
    <message>
        <location filename="../../gui/draw/points_panel.py" line="53"/>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <location filename="../../gui/draw/points_panel.py" line="60"/>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <location filename="../../gui/draw/points_panel.py" line="129"/>
        <source>pixels (the input)</source>
        <translation>像素（输入）</translation>
    </message>
    <message>
        <location filename="../../gui/draw/points_panel.py" line="182"/>
        <source>Computing the map of %1 test digits…</source>
        <translation>正在计算 %1 个测试数字的点图…</translation>
    </message>
    <message>
        <location filename="../../gui/draw/points_panel.py" line="193"/>
        <source>projecting…</source>
        <translation>投影中…</translation>
    </message>
    <message>
        <location filename="../../gui/draw/points_panel.py" line="224"/>
        <source>%1 test digits at %2 by %3, coloured by their true class (%4 of them misclassified). Hover a point to see it; click to draw it on the canvas.</source>
        <translation>%1 个测试数字，位于 %2，方法 %3，按真实类别着色（其中 %4 个分类错误）。鼠标悬停查看，点击即可放到画布上。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/points_panel.py" line="259"/>
        <source>test digit #%1
labelled %2
the network says %3 (%4)</source>
        <translation>测试数字 #%1
标签 %2
网络认为是 %3（%4）</translation>
    </message>
    <message>
        <location filename="../../gui/draw/points_panel.py" line="273"/>
        <source>Test digit #%1, labelled %2</source>
        <translation>测试数字 #%1，标签为 %2</translation>
    </message>
</context>
<context>
    <name>PollChart</name>
    <message>
        <location filename="../../gui/classroom/poll.py" line="76"/>
        <source>votes</source>
        <translation>票数</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/poll.py" line="91"/>
        <source>No question asked yet.</source>
        <translation>还没有提问。</translation>
    </message>
</context>
<context>
    <name>PollControls</name>
    <message>
        <location filename="../../gui/classroom/poll.py" line="28"/>
        <source>Quick poll</source>
        <translation>快速投票</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/poll.py" line="31"/>
        <source>Which optimizer reaches the minimum first?</source>
        <translation>哪个优化器最先到达最小值？</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/poll.py" line="35"/>
        <source>One choice a line, 2 to %1</source>
        <translation>每行一个选项，2 到 %1 个</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/poll.py" line="37"/>
        <source>Ask the class</source>
        <translation>向全班提问</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/poll.py" line="40"/>
        <source>Close the poll</source>
        <translation>结束投票</translation>
    </message>
</context>
<context>
    <name>PredictionPanel</name>
    <message>
        <location filename="../../gui/draw/prediction_panel.py" line="34"/>
        <source>The 28×28 image the network sees: cropped, scaled to 20 px and centred by its centre of mass, as MNIST digits are.</source>
        <translation>网络看到的 28×28 图像：像 MNIST 数字一样裁剪、缩放到 20 像素并按质心居中。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/prediction_panel.py" line="45"/>
        <location filename="../../gui/draw/prediction_panel.py" line="93"/>
        <source>probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <location filename="../../gui/draw/prediction_panel.py" line="59"/>
        <source>network input (28×28)</source>
        <translation>网络输入（28×28）</translation>
    </message>
    <message>
        <location filename="../../gui/draw/prediction_panel.py" line="93"/>
        <source>class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../gui/draw/prediction_panel.py" line="106"/>
        <source>%1 — %2 sure</source>
        <translation>%1 — 把握 %2</translation>
    </message>
</context>
<context>
    <name>PresetBanner</name>
    <message>
        <location filename="../../gui/presets.py" line="307"/>
        <source>Hide this description</source>
        <translation>隐藏此说明</translation>
    </message>
    <message>
        <location filename="../../gui/presets.py" line="320"/>
        <source>Its runs train on %1 images.</source>
        <translation>其训练使用 %1 张图片。</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <location filename="../../gui/presets.py" line="210"/>
        <source>Preset: %1</source>
        <translation>预设：%1</translation>
    </message>
    <message>
        <location filename="../../gui/presets.py" line="338"/>
        <source>Open preset file…</source>
        <translation>打开预设文件…</translation>
    </message>
    <message>
        <location filename="../../gui/presets.py" line="339"/>
        <source>Save current setup as preset…</source>
        <translation>把当前设置保存为预设…</translation>
    </message>
    <message>
        <location filename="../../gui/presets.py" line="354"/>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <location filename="../../gui/presets.py" line="354"/>
        <source>TensorFlow is still loading; try again in a moment.</source>
        <translation>TensorFlow 仍在加载，请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../gui/presets.py" line="360"/>
        <location filename="../../gui/presets.py" line="364"/>
        <source>Cannot load the preset</source>
        <translation>无法载入预设</translation>
    </message>
    <message>
        <location filename="../../gui/presets.py" line="365"/>
        <source>A lab setting in it is not valid: %1</source>
        <translation>其中有一项实验室设置无效：%1</translation>
    </message>
    <message>
        <location filename="../../gui/presets.py" line="370"/>
        <source>Open preset</source>
        <translation>打开预设</translation>
    </message>
    <message>
        <location filename="../../gui/presets.py" line="372"/>
        <source>TensorDesk presets (*.json);;All files (*)</source>
        <translation>TensorDesk 预设 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../gui/presets.py" line="378"/>
        <source>Cannot open the preset</source>
        <translation>无法打开预设</translation>
    </message>
    <message>
        <location filename="../../gui/presets.py" line="384"/>
        <source>Save setup as preset</source>
        <translation>保存设置为预设</translation>
    </message>
    <message>
        <location filename="../../gui/presets.py" line="387"/>
        <source>TensorDesk presets (*.json)</source>
        <translation>TensorDesk 预设 (*.json)</translation>
    </message>
    <message>
        <location filename="../../gui/presets.py" line="397"/>
        <source>Cannot save the preset</source>
        <translation>无法保存预设</translation>
    </message>
    <message>
        <location filename="../../gui/presets.py" line="399"/>
        <source>Saved preset %1</source>
        <translation>已保存预设 %1</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../../gui/recording.py" line="175"/>
        <location filename="../../gui/recording.py" line="194"/>
        <location filename="../../gui/recording.py" line="202"/>
        <source>Record</source>
        <translation>录制</translation>
    </message>
    <message>
        <location filename="../../gui/recording.py" line="177"/>
        <source>The current view</source>
        <translation>当前视图</translation>
    </message>
    <message>
        <location filename="../../gui/recording.py" line="177"/>
        <source>The whole window</source>
        <translation>整个窗口</translation>
    </message>
    <message>
        <location filename="../../gui/recording.py" line="181"/>
        <source>The view&apos;s own rate (%1 per second)</source>
        <translation>视图自身的刷新率（每秒 %1 帧）</translation>
    </message>
    <message>
        <location filename="../../gui/recording.py" line="183"/>
        <source>%1 frames per second</source>
        <translation>每秒 %1 帧</translation>
    </message>
    <message>
        <location filename="../../gui/recording.py" line="188"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../../gui/recording.py" line="195"/>
        <source>Frame rate</source>
        <translation>帧率</translation>
    </message>
    <message>
        <location filename="../../gui/recording.py" line="196"/>
        <source>File (.gif or .mp4)</source>
        <translation>文件（.gif 或 .mp4）</translation>
    </message>
    <message>
        <location filename="../../gui/recording.py" line="197"/>
        <source>Ctrl+Shift+R or the Record button stops the recording. GIFs stop by themselves after %1 minutes; an MP4 has no limit.</source>
        <translation>按 Ctrl+Shift+R 或录制按钮停止录制。GIF 在 %1 分钟后自动停止；MP4 没有时长限制。</translation>
    </message>
    <message>
        <location filename="../../gui/recording.py" line="210"/>
        <source>Record to</source>
        <translation>录制到</translation>
    </message>
</context>
<context>
    <name>Recording</name>
    <message>
        <location filename="../../gui/recording.py" line="165"/>
        <source>Recording saved: %1 (%2 frames, %3 s, %4 MB)</source>
        <translation>录制已保存：%1（%2 帧，%3 秒，%4 MB）</translation>
    </message>
    <message>
        <location filename="../../gui/recording.py" line="231"/>
        <location filename="../../gui/recording.py" line="323"/>
        <source>Record…</source>
        <translation>录制…</translation>
    </message>
    <message>
        <location filename="../../gui/recording.py" line="236"/>
        <source>Record the current view or the whole window to a GIF or an MP4 (Ctrl+Shift+R starts and stops)</source>
        <translation>把当前视图或整个窗口录制为 GIF 或 MP4（Ctrl+Shift+R 开始和停止）</translation>
    </message>
    <message>
        <location filename="../../gui/recording.py" line="266"/>
        <source>The last recording is still being written.</source>
        <translation>上一段录制仍在写入。</translation>
    </message>
    <message>
        <location filename="../../gui/recording.py" line="312"/>
        <source>A recording is in progress: closing stops it and writes the file.</source>
        <translation>正在录制：关闭会停止录制并写入文件。</translation>
    </message>
    <message>
        <location filename="../../gui/recording.py" line="323"/>
        <source>Stop recording</source>
        <translation>停止录制</translation>
    </message>
    <message>
        <location filename="../../gui/recording.py" line="329"/>
        <source>Writing the recording…</source>
        <translation>正在写入录制文件…</translation>
    </message>
    <message>
        <location filename="../../gui/recording.py" line="336"/>
        <source>%1 REC %2  ·  %3 frames</source>
        <translation>%1 录制中 %2  ·  %3 帧</translation>
    </message>
    <message>
        <location filename="../../gui/recording.py" line="348"/>
        <source>Recording failed</source>
        <translation>录制失败</translation>
    </message>
</context>
<context>
    <name>RobustnessPanel</name>
    <message>
        <location filename="../../gui/analysis/robustness_panel.py" line="14"/>
        <source>Gaussian noise (σ)</source>
        <translation>高斯噪声（σ）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/robustness_panel.py" line="15"/>
        <source>rotation (degrees)</source>
        <translation>旋转（度）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/robustness_panel.py" line="16"/>
        <source>thicker / thinner strokes (pixels)</source>
        <translation>笔画加粗 / 变细（像素）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/robustness_panel.py" line="17"/>
        <source>shift (pixels)</source>
        <translation>平移（像素）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/robustness_panel.py" line="49"/>
        <source>Accuracy under damage</source>
        <translation>受损时的准确率</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/robustness_panel.py" line="51"/>
        <source>Classify 1,000 test images damaged more and more (in the background)</source>
        <translation>对 1,000 张逐渐加重损坏的测试图片分类（在后台进行）</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/robustness_panel.py" line="55"/>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/robustness_panel.py" line="62"/>
        <source>Evaluate the model, then see how it copes with damaged images.</source>
        <translation>先评估模型，再看它如何应对受损的图片。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/robustness_panel.py" line="70"/>
        <source>Below this confidence the network answers “I don&apos;t know”</source>
        <translation>置信度低于此值时，网络回答“我不知道”</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/robustness_panel.py" line="74"/>
        <source>confidence threshold</source>
        <translation>置信度阈值</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/robustness_panel.py" line="79"/>
        <source>answered</source>
        <translation>作答的比例</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/robustness_panel.py" line="81"/>
        <source>right among answered</source>
        <translation>作答中正确的比例</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/robustness_panel.py" line="92"/>
        <source>Answer only above</source>
        <translation>只在高于此值时作答</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/robustness_panel.py" line="133"/>
        <source>Above %1 the network answers %2 of the images, and %3 of those answers are right; it says “I don&apos;t know” to the rest.</source>
        <translation>阈值为 %1 时，网络对 %2 的图片作答，其中 %3 正确；其余的回答“我不知道”。</translation>
    </message>
    <message>
        <location filename="../../gui/analysis/robustness_panel.py" line="162"/>
        <source>%1: accuracy %2 undamaged, %3 at %4.</source>
        <translation>%1：未受损时准确率 %2，在 %4 时为 %3。</translation>
    </message>
</context>
<context>
    <name>ShortcutOverlay</name>
    <message>
        <location filename="../../gui/shortcuts_overlay.py" line="50"/>
        <source>In the labs</source>
        <translation>实验室中</translation>
    </message>
    <message>
        <location filename="../../gui/shortcuts_overlay.py" line="81"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location filename="../../gui/shortcuts_overlay.py" line="106"/>
        <source>Press any key or click to close.</source>
        <translation>按任意键或点击关闭。</translation>
    </message>
</context>
<context>
    <name>StepPanel</name>
    <message>
        <location filename="../../gui/draw/step_panel.py" line="30"/>
        <source>p after the step</source>
        <translation>走一步之后的 p</translation>
    </message>
    <message>
        <location filename="../../gui/draw/step_panel.py" line="68"/>
        <source>The true label: the loss and the step aim at it</source>
        <translation>真实标签：损失和这一步都以它为目标</translation>
    </message>
    <message>
        <location filename="../../gui/draw/step_panel.py" line="79"/>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../../gui/draw/step_panel.py" line="81"/>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../gui/draw/step_panel.py" line="151"/>
        <source>Draw a digit to follow its numbers through the last layer.</source>
        <translation>写一个数字，跟随它的数值穿过最后一层。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/step_panel.py" line="152"/>
        <source>No model yet: train one or load a saved model.</source>
        <translation>还没有模型：请训练一个或载入已保存的模型。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/step_panel.py" line="177"/>
        <source>The model is training: these are its numbers at the last update.</source>
        <translation>模型正在训练：这些是最近一次更新时的数值。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/step_panel.py" line="179"/>
        <source>x is your drawing&apos;s 784 pixels; W holds one 28×28 template per class. Hover a cell to select the cells it is computed from.</source>
        <translation>x 是你手写数字的 784 个像素；W 为每个类别保存一个 28×28 的模板。鼠标悬停在某个格子上，会选中计算它所用的格子。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/step_panel.py" line="182"/>
        <source>x is what layer %1 hands on (%2 numbers); this is the last layer&apos;s part of one SGD step. Hover a cell to select the cells it is computed from.</source>
        <translation>x 是第 %1 层传下来的数值（%2 个）；这里是一步 SGD 中最后一层的部分。鼠标悬停在某个格子上，会选中计算它所用的格子。</translation>
    </message>
    <message>
        <location filename="../../gui/draw/step_panel.py" line="196"/>
        <source>Σ exp = %1   ·   loss L = −log p[%2] = %3   ·   after one step with learning rate %4: p[%2] = %5, L = %6</source>
        <translation>Σ exp = %1   ·   损失 L = −log p[%2] = %3   ·   以学习率 %4 走一步之后：p[%2] = %5，L = %6</translation>
    </message>
</context>
<context>
    <name>SurfaceView3D</name>
    <message>
        <location filename="../../gui/widgets/surface_view.py" line="43"/>
        <source>Reset view</source>
        <translation>重置视角</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/surface_view.py" line="45"/>
        <source>Drag to rotate, wheel to zoom, Ctrl+drag to pan</source>
        <translation>拖动旋转，滚轮缩放，Ctrl+拖动平移</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/surface_view.py" line="51"/>
        <source>3D cost surface (drag to rotate)</source>
        <translation>三维代价曲面（拖动旋转）</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/surface_view.py" line="56"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="50"/>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="65"/>
        <source>worker</source>
        <translation>工作进程</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="65"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="65"/>
        <source>computing from (s)</source>
        <translation>计算开始（秒）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="65"/>
        <source>computing to (s)</source>
        <translation>计算结束（秒）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="66"/>
        <source>waiting to (s)</source>
        <translation>等待结束（秒）</translation>
    </message>
    <message>
        <location filename="../../gui/labs/parallel_lab.py" line="72"/>
        <source>worker %1</source>
        <translation>节点 %1</translation>
    </message>
    <message>
        <location filename="../../gui/timeline.py" line="180"/>
        <source>%1 at step %2 (epoch %3)</source>
        <translation>%1，第 %2 步（轮次 %3）</translation>
    </message>
</context>
<context>
    <name>TimelineBar</name>
    <message>
        <location filename="../../gui/timeline.py" line="272"/>
        <location filename="../../gui/timeline.py" line="351"/>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <location filename="../../gui/timeline.py" line="273"/>
        <source>Play the run&apos;s training as a film, snapshot by snapshot</source>
        <translation>把这次运行的训练当作影片，一个快照一个快照地播放</translation>
    </message>
    <message>
        <location filename="../../gui/timeline.py" line="277"/>
        <source>Drag: the model as it was at that moment of training becomes the current model in every view</source>
        <translation>拖动：训练中那一刻的模型成为所有视图中的当前模型</translation>
    </message>
    <message>
        <location filename="../../gui/timeline.py" line="291"/>
        <source>%1/s</source>
        <translation>%1/秒</translation>
    </message>
    <message>
        <location filename="../../gui/timeline.py" line="293"/>
        <source>Snapshots a second while playing</source>
        <translation>播放时每秒的快照数</translation>
    </message>
    <message>
        <location filename="../../gui/timeline.py" line="295"/>
        <source>Hold</source>
        <translation>停留</translation>
    </message>
    <message>
        <location filename="../../gui/timeline.py" line="296"/>
        <source>On: the film stays where you let go of the slider. Off: letting go returns to the latest model (the arrow keys and Play always stay).</source>
        <translation>开：松开滑块后，影片停在松开的位置。关：松开后回到最新的模型（方向键和播放总会停留）。</translation>
    </message>
    <message>
        <location filename="../../gui/timeline.py" line="300"/>
        <source>Now</source>
        <translation>现在</translation>
    </message>
    <message>
        <location filename="../../gui/timeline.py" line="301"/>
        <source>Back to the latest model (Esc on the slider)</source>
        <translation>回到最新的模型（在滑块上按 Esc）</translation>
    </message>
    <message>
        <location filename="../../gui/timeline.py" line="302"/>
        <source>Record film…</source>
        <translation>录制影片…</translation>
    </message>
    <message>
        <location filename="../../gui/timeline.py" line="303"/>
        <source>Record this view while the film plays from its first snapshot</source>
        <translation>从第一个快照开始播放影片，同时录制此视图</translation>
    </message>
    <message>
        <location filename="../../gui/timeline.py" line="307"/>
        <source>Timeline</source>
        <translation>时间轴</translation>
    </message>
    <message>
        <location filename="../../gui/timeline.py" line="351"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../gui/timeline.py" line="353"/>
        <source>cannot play</source>
        <translation>无法播放</translation>
    </message>
    <message>
        <location filename="../../gui/timeline.py" line="353"/>
        <source>no snapshots</source>
        <translation>没有快照</translation>
    </message>
    <message>
        <location filename="../../gui/timeline.py" line="354"/>
        <source>No snapshots: train a recorded run, or open one from the History.</source>
        <translation>没有快照：训练一次被记录的运行，或从历史中打开一次。</translation>
    </message>
    <message>
        <location filename="../../gui/timeline.py" line="357"/>
        <source>now (%1 snapshots)</source>
        <translation>现在（%1 个快照）</translation>
    </message>
    <message>
        <location filename="../../gui/timeline.py" line="360"/>
        <source>step %1 · epoch %2</source>
        <translation>第 %1 步 · 轮次 %2</translation>
    </message>
    <message>
        <location filename="../../gui/timeline.py" line="363"/>
        <source>Training is running: the timeline waits for it to end.</source>
        <translation>正在训练：时间轴等待训练结束。</translation>
    </message>
</context>
<context>
    <name>TrainView</name>
    <message>
        <location filename="../../gui/train/run_buttons.py" line="21"/>
        <source>Repeat: train these settings this many times with seeds 0, 1, 2, …; the plots show their mean with a band of ± one standard deviation</source>
        <translation>重复：用种子 0、1、2…把这些设置训练这么多次；图中显示它们的平均值和 ± 一个标准差的色带</translation>
    </message>
    <message>
        <location filename="../../gui/train/run_buttons.py" line="14"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../gui/train/run_buttons.py" line="14"/>
        <source>Train a new model with these settings (Space)</source>
        <translation>用这些设置训练一个新模型（空格）</translation>
    </message>
    <message>
        <location filename="../../gui/train/run_buttons.py" line="23"/>
        <location filename="../../gui/train/train_view.py" line="181"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../gui/train/run_buttons.py" line="23"/>
        <source>Pause or resume training (Space)</source>
        <translation>暂停或继续训练（空格）</translation>
    </message>
    <message>
        <location filename="../../gui/train/run_buttons.py" line="24"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../gui/train/run_buttons.py" line="24"/>
        <source>Stop training and keep the model as it is (Esc)</source>
        <translation>停止训练并保留当前模型（Esc）</translation>
    </message>
    <message>
        <location filename="../../gui/train/run_buttons.py" line="25"/>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <location filename="../../gui/train/run_buttons.py" line="26"/>
        <source>Reset the settings to the architecture&apos;s defaults (Ctrl+R)</source>
        <translation>把设置重置为该架构的默认值（Ctrl+R）</translation>
    </message>
    <message>
        <location filename="../../gui/train/run_progress.py" line="27"/>
        <location filename="../../gui/train/train_view.py" line="352"/>
        <location filename="../../gui/train/train_view.py" line="359"/>
        <source>Ready.</source>
        <translation>就绪。</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="100"/>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="101"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="102"/>
        <source>Every run recorded, also those of earlier sessions</source>
        <translation>记录下的每一次训练，包括以前的会话</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="143"/>
        <source>%1 (recorded run)</source>
        <translation>%1（记录的训练）</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="173"/>
        <source>Parameter count: available once TensorFlow has loaded.</source>
        <translation>参数个数：TensorFlow 加载后可用。</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="175"/>
        <source>%1 trainable parameters</source>
        <translation>%1 个可训练参数</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="181"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="213"/>
        <source>A training run is in progress (run #%1): closing stops it.</source>
        <translation>正在训练（运行 #%1）：关闭会停止它。</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="253"/>
        <source>%1 images</source>
        <translation>%1 张图片</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="261"/>
        <location filename="../../gui/train/train_view.py" line="302"/>
        <source>The learning rate must be a positive number.</source>
        <translation>学习率必须是正数。</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="290"/>
        <source>%1, seed %2 (×%3)</source>
        <translation>%1，种子 %2（×%3）</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="330"/>
        <source>Loading data…</source>
        <translation>正在加载数据…</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="343"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="365"/>
        <source>Learning rate set to %1 within a tenth of a second.</source>
        <translation>学习率将在 0.1 秒内设为 %1。</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="379"/>
        <source>%1 (training)</source>
        <translation>%1（训练中）</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="458"/>
        <source>mean of ×%1: %2</source>
        <translation>×%1 的平均：%2</translation>
    </message>
    <message>
        <location filename="../../gui/train/run_progress.py" line="57"/>
        <source>epoch %1/%2 · step %3/%4 · %5 samples/s · ETA %6</source>
        <translation>轮次 %1/%2 · 步 %3/%4 · %5 样本/秒 · 剩余 %6</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="401"/>
        <source>Paused at step %1.</source>
        <translation>已在第 %1 步暂停。</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="407"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="407"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="408"/>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="408"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="414"/>
        <source>Run %1 %2.</source>
        <translation>训练 %1 %2。</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="417"/>
        <source>TensorBoard log: %1 (open it with: tensorboard --logdir %2)</source>
        <translation>TensorBoard 日志：%1（用 tensorboard --logdir %2 打开）</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="429"/>
        <source>%1 + new output</source>
        <translation>%1 + 新输出层</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="431"/>
        <source>%1 (trained, run #%2)</source>
        <translation>%1（已训练，第 %2 次训练）</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="463"/>
        <source>%1 runs of %2: test accuracy %3 ± %4 (mean ± standard deviation).</source>
        <translation>%2 的 %1 次训练：测试准确率 %3 ± %4（平均值 ± 标准差）。</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="473"/>
        <source>%1 is on the plots already.</source>
        <translation>%1 已经在图上了。</translation>
    </message>
    <message>
        <location filename="../../gui/train/train_view.py" line="492"/>
        <source>The data set %1 is not available; the panel&apos;s is used.</source>
        <translation>数据集 %1 不可用；使用面板中的数据集。</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <location filename="../../gui/widgets/plots.py" line="111"/>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/plots.py" line="111"/>
        <location filename="../../gui/widgets/plots.py" line="116"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/plots.py" line="113"/>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/plots.py" line="113"/>
        <location filename="../../gui/widgets/plots.py" line="115"/>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/plots.py" line="115"/>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/plots.py" line="116"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/plots.py" line="151"/>
        <source>Accuracy: solid line with dots = validation, dashed = training.</source>
        <translation>准确率：带圆点的实线 = 验证，虚线 = 训练。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/plots.py" line="132"/>
        <source>Every run keeps its curves. Untick a run to hide it.</source>
        <translation>每次训练都保留其曲线。取消勾选可隐藏。</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/plots.py" line="134"/>
        <source>Remove run</source>
        <translation>删除训练</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/plots.py" line="137"/>
        <source>Remove all</source>
        <translation>全部删除</translation>
    </message>
</context>
<context>
    <name>TransferBox</name>
    <message>
        <location filename="../../gui/train/transfer_box.py" line="21"/>
        <source>Reuse a saved model&apos;s layers</source>
        <translation>复用已保存模型的层</translation>
    </message>
    <message>
        <location filename="../../gui/train/transfer_box.py" line="25"/>
        <source>Start from the first layers of a model trained before (seed 000): they keep what they learnt, and only the rest starts from scratch.</source>
        <translation>从之前训练过的模型的前几层开始（种子 000）：它们保留已学到的东西，只有其余部分从头开始。</translation>
    </message>
    <message>
        <location filename="../../gui/train/transfer_box.py" line="30"/>
        <source>No model chosen.</source>
        <translation>未选择模型。</translation>
    </message>
    <message>
        <location filename="../../gui/train/transfer_box.py" line="33"/>
        <source>Choose model…</source>
        <translation>选择模型…</translation>
    </message>
    <message>
        <location filename="../../gui/train/transfer_box.py" line="39"/>
        <source>How many of the saved model&apos;s layers, from the input on, to reuse.</source>
        <translation>从输入开始，复用已保存模型的多少层。</translation>
    </message>
    <message>
        <location filename="../../gui/train/transfer_box.py" line="40"/>
        <source>freeze them</source>
        <translation>冻结它们</translation>
    </message>
    <message>
        <location filename="../../gui/train/transfer_box.py" line="41"/>
        <source>Frozen layers keep the saved weights: only the new layers train.</source>
        <translation>冻结的层保持已保存的权重：只训练新的层。</translation>
    </message>
    <message>
        <location filename="../../gui/train/transfer_box.py" line="46"/>
        <source>Layers kept</source>
        <translation>保留的层数</translation>
    </message>
    <message>
        <location filename="../../gui/train/transfer_box.py" line="74"/>
        <source>%1 (Keras file: its layers, then a new output layer)</source>
        <translation>%1（Keras 文件：沿用其各层，再接一个新的输出层）</translation>
    </message>
    <message>
        <location filename="../../gui/train/transfer_box.py" line="80"/>
        <source>%1 — layers: %2</source>
        <translation>%1 — 层：%2</translation>
    </message>
    <message>
        <location filename="../../gui/train/transfer_box.py" line="97"/>
        <source>Saved model whose layers to reuse</source>
        <translation>要复用其层的已保存模型</translation>
    </message>
    <message>
        <location filename="../../gui/train/transfer_box.py" line="98"/>
        <source>Models (*.tdm *.keras);;All files (*)</source>
        <translation>模型 (*.tdm *.keras);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>Verdict</name>
    <message>
        <location filename="../../gui/verdict.py" line="18"/>
        <source>%1 is really better than %2: %1 − %2 = %3 points of test accuracy (95% interval %4 to %5; effect size %6).</source>
        <translation>%1 确实比 %2 好：%1 − %2 = %3 个百分点的测试准确率（95% 区间 %4 到 %5；效应量 %6）。</translation>
    </message>
    <message>
        <location filename="../../gui/verdict.py" line="22"/>
        <source>Cannot tell %1 and %2 apart yet: %3 − %4 = %5 points (95% interval %6 to %7, which holds 0). About %8 seeds each would tell a gap this size apart.</source>
        <translation>还无法区分 %1 和 %2：%3 − %4 = %5 个百分点（95% 区间 %6 到 %7，包含 0）。每组大约需要 %8 个种子才能分辨这么大的差距。</translation>
    </message>
    <message>
        <location filename="../../gui/verdict.py" line="26"/>
        <source>Cannot tell %1 and %2 apart: %3 − %4 = %5 points (95% interval %6 to %7, which holds 0); no practical number of seeds would tell a gap this small apart.</source>
        <translation>无法区分 %1 和 %2：%3 − %4 = %5 个百分点（95% 区间 %6 到 %7，包含 0）；差距这么小，任何现实数量的种子都无法分辨。</translation>
    </message>
</context>
<context>
    <name>WallPage</name>
    <message>
        <location filename="../../gui/classroom/wall.py" line="179"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/wall.py" line="181"/>
        <source>Take the selected digits off the wall and out of the class (Delete)</source>
        <translation>把选中的数字从数字墙和课堂中移除（Delete）</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/wall.py" line="184"/>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/wall.py" line="231"/>
        <source>All the class&apos;s digits</source>
        <translation>全班的所有数字</translation>
    </message>
    <message>
        <location filename="../../gui/classroom/wall.py" line="234"/>
        <source>Drawn as %1, read as %2</source>
        <translation>写的是 %1，读成了 %2</translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <location filename="../../gui/names.py" line="9"/>
        <source>Softmax regression</source>
        <translation>Softmax 回归</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="10"/>
        <source>784 → 10: one linear layer and a softmax.</source>
        <translation>784 → 10：一个线性层加 softmax。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="11"/>
        <source>MLP 784-500-10</source>
        <translation>多层感知机 784-500-10</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="12"/>
        <source>One hidden layer of 500 ReLU units.</source>
        <translation>一个含 500 个 ReLU 单元的隐藏层。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="13"/>
        <source>Deep DNN 784-300-50-50-20-10</source>
        <translation>深度神经网络 784-300-50-50-20-10</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="14"/>
        <source>Four hidden ReLU layers (the transfer-learning net).</source>
        <translation>四个 ReLU 隐藏层（迁移学习用的网络）。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="15"/>
        <source>CNN (classic)</source>
        <translation>卷积神经网络（经典）</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="16"/>
        <source>conv 5×5×32 → pool → conv 5×5×64 → pool → dense 1024 → dropout → 10.</source>
        <translation>卷积 5×5×32 → 池化 → 卷积 5×5×64 → 池化 → 全连接 1024 → dropout → 10。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="17"/>
        <source>CNN (compact)</source>
        <translation>卷积神经网络（紧凑）</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="18"/>
        <source>conv 3×3×32 → conv 3×3×64 stride 2 → pool → dense 64 → 10.</source>
        <translation>卷积 3×3×32 → 卷积 3×3×64 步长 2 → 池化 → 全连接 64 → 10。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="19"/>
        <source>LSTM over image rows</source>
        <translation>按图像行的 LSTM</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="20"/>
        <source>28 rows × 28 pixels → dense 128 → LSTM 128 → 10.</source>
        <translation>28 行 × 28 像素 → 全连接 128 → LSTM 128 → 10。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="21"/>
        <source>Autoencoder (2-D code)</source>
        <translation>自编码器（二维编码）</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="22"/>
        <source>784-128-64-10-2-10-64-128-784, trained to rebuild its input.</source>
        <translation>784-128-64-10-2-10-64-128-784，训练目标是重建输入。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="23"/>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="24"/>
        <source>MNIST (embedded, 10,000 digits, offline)</source>
        <translation>MNIST（内置 10,000 个数字，离线可用）</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="26"/>
        <source>MNIST (embedded subset)</source>
        <translation>MNIST（内置子集）</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="27"/>
        <source>MNIST (full, 70,000)</source>
        <translation>MNIST（完整，70,000）</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="28"/>
        <source>Fashion-MNIST (70,000)</source>
        <translation>Fashion-MNIST（70,000）</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="29"/>
        <source>IDX folder…</source>
        <translation>IDX 文件夹…</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="30"/>
        <source>CSV file…</source>
        <translation>CSV 文件…</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="31"/>
        <source>Image folder…</source>
        <translation>图像文件夹…</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="33"/>
        <source>Finished %1 epochs (%2 steps).</source>
        <translation>已完成 %1 个轮次（%2 步）。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="34"/>
        <source>Finished 1 epoch (%1 steps).</source>
        <translation>已完成 1 个轮次（%1 步）。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="35"/>
        <source>Stopped by the user at step %1.</source>
        <translation>已在第 %1 步由用户停止。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="36"/>
        <source>The loss became NaN or infinite at step %1: the learning rate %2 is too high for this model; try %3 or lower.</source>
        <translation>损失在第 %1 步变为 NaN 或无穷大：学习率 %2 对这个模型太高了；试试 %3 或更低。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="38"/>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="39"/>
        <source>Test accuracy %1.</source>
        <translation>测试准确率 %1。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="40"/>
        <source>Test reconstruction error %1.</source>
        <translation>测试重建误差 %1。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="41"/>
        <source>The network %1 diverged at step %2: its cost became infinite or NaN (%3).</source>
        <translation>%1的网络在第 %2 步发散：代价变为无穷大或 NaN（%3）。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="42"/>
        <source>without batch norm</source>
        <translation>不用批标准化</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="43"/>
        <source>with batch norm</source>
        <translation>使用批标准化</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="44"/>
        <source>ReLU passes large values on unchanged, so with N(0, σ) weights each layer multiplies them and the output explodes</source>
        <translation>ReLU 会原样传递大数值，因此在 N(0, σ) 权重下每一层都把它们放大，输出随之爆炸</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="46"/>
        <source>the updates grew without bound</source>
        <translation>更新量无限增大</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="47"/>
        <source>%1 diverged at step %2: each step overshoots the valley by more than the last, so a, b and the cost run off to infinity. Try a learning rate below %3.</source>
        <translation>%1 在第 %2 步发散：每一步越过谷底的幅度都比上一步大，于是 a、b 和代价都跑向无穷。试试低于 %3 的学习率。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="49"/>
        <source>%1, LR %2</source>
        <translation>%1，学习率 %2</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="50"/>
        <source>Switched off unit %1 of %2.</source>
        <translation>关闭了 %2 的单元 %1。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="51"/>
        <source>Scaled the incoming weights of unit %2 of %3 by %1.</source>
        <translation>把 %3 的单元 %2 的输入权重乘以 %1。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="52"/>
        <source>Shifted the bias of unit %2 of %3 by %1.</source>
        <translation>把 %3 的单元 %2 的偏置平移 %1。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="53"/>
        <source>Pruned the %1% smallest weights of %2.</source>
        <translation>剪去了 %2 中最小的 %1% 权重。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="54"/>
        <source>Pruned the %1% smallest weights of the whole network.</source>
        <translation>剪去了整个网络中最小的 %1% 权重。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="55"/>
        <source>Set the softmax temperature to %1.</source>
        <translation>把 softmax 温度设为 %1。</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="56"/>
        <source>BN on</source>
        <translation>批标准化</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="58"/>
        <source>Animated GIF</source>
        <translation>GIF 动图</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="59"/>
        <source>MP4 video</source>
        <translation>MP4 视频</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="60"/>
        <source>dropout</source>
        <translation>dropout</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="62"/>
        <source>Circle</source>
        <translation>圆形</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="63"/>
        <source>Exclusive or</source>
        <translation>异或</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="64"/>
        <source>Two Gaussians</source>
        <translation>两个高斯分布</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="65"/>
        <source>Spiral</source>
        <translation>螺旋</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="66"/>
        <source>Three-arm spiral</source>
        <translation>三臂螺旋</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="67"/>
        <source>Four blobs</source>
        <translation>四个团簇</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="68"/>
        <source>Plane (regression)</source>
        <translation>平面（回归）</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="69"/>
        <source>Gaussians (regression)</source>
        <translation>高斯分布（回归）</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="70"/>
        <source>Your own points</source>
        <translation>你自己的点</translation>
    </message>
</context>
<context>
    <name>names</name>
    <message>
        <location filename="../../gui/names.py" line="104"/>
        <source>%1 at step %2</source>
        <translation>%1，第 %2 步</translation>
    </message>
</context>
<context>
    <name>runState</name>
    <message>
        <location filename="../../gui/names.py" line="76"/>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="77"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="78"/>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="79"/>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="80"/>
        <source>running</source>
        <translation>进行中</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="81"/>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <location filename="../../gui/names.py" line="82"/>
        <source>damaged</source>
        <translation>已损坏</translation>
    </message>
</context>
<context>
    <name>views</name>
    <message>
        <location filename="../../gui/views.py" line="33"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../../gui/views.py" line="33"/>
        <source>Train view</source>
        <translation>训练视图</translation>
    </message>
    <message>
        <location filename="../../gui/views.py" line="35"/>
        <source>Draw</source>
        <translation>绘图</translation>
    </message>
    <message>
        <location filename="../../gui/views.py" line="35"/>
        <source>Draw view</source>
        <translation>绘图视图</translation>
    </message>
    <message>
        <location filename="../../gui/views.py" line="37"/>
        <source>Batch-norm lab</source>
        <translation>批标准化实验室</translation>
    </message>
    <message>
        <location filename="../../gui/views.py" line="39"/>
        <location filename="../../gui/views.py" line="40"/>
        <source>Gradient-descent lab</source>
        <translation>梯度下降实验室</translation>
    </message>
    <message>
        <location filename="../../gui/views.py" line="42"/>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <location filename="../../gui/views.py" line="42"/>
        <source>Evaluate view</source>
        <translation>评估视图</translation>
    </message>
    <message>
        <location filename="../../gui/views.py" line="44"/>
        <source>Histograms</source>
        <translation>直方图</translation>
    </message>
    <message>
        <location filename="../../gui/views.py" line="46"/>
        <source>Landscape</source>
        <translation>损失地形</translation>
    </message>
    <message>
        <location filename="../../gui/views.py" line="46"/>
        <source>Loss landscape</source>
        <translation>损失地形</translation>
    </message>
    <message>
        <location filename="../../gui/views.py" line="48"/>
        <source>Data-parallel lab</source>
        <translation>数据并行实验室</translation>
    </message>
    <message>
        <location filename="../../gui/views.py" line="50"/>
        <source>Playground</source>
        <translation>游乐场</translation>
    </message>
    <message>
        <location filename="../../gui/views.py" line="50"/>
        <source>Playground lab</source>
        <translation>游乐场实验室</translation>
    </message>
    <message>
        <location filename="../../gui/views.py" line="52"/>
        <source>My digits</source>
        <translation>我的数字</translation>
    </message>
    <message>
        <location filename="../../gui/views.py" line="54"/>
        <source>Class</source>
        <translation>课堂</translation>
    </message>
    <message>
        <location filename="../../gui/views.py" line="54"/>
        <source>Class view</source>
        <translation>课堂视图</translation>
    </message>
</context>
</TS>
